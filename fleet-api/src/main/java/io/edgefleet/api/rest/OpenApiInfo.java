package io.edgefleet.api.rest;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The API's OpenAPI header and its one security scheme: a bearer JWT. */
@OpenAPIDefinition(info = @Info(title = "edgefleet fleet-api", version = "v1",
        description = "Submit cluster and network-function requests, follow their outcomes, and read sites, hosts,"
                + " capacity and clusters. Every /api/v1 endpoint needs a bearer JWT whose groups claim holds"
                + " fleet-admin or team:<name>; a team sees and changes only its own clusters."
                + " Errors are RFC 9457 problem details (application/problem+json)."))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "JWT")
public class OpenApiInfo extends Application {
}
