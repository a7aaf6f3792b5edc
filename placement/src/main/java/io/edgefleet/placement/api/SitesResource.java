package io.edgefleet.placement.api;

import io.edgefleet.placement.store.SiteStore;
import io.edgefleet.placement.store.SiteSummary;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/** Read-only view of the sites placement knows, for operators and the local stack's readiness check. */
@Path("/api/v1/sites")
@Produces(MediaType.APPLICATION_JSON)
public class SitesResource {
    @Inject
    DataSource dataSource;
    @Inject
    SiteStore sites;

    @GET
    public List<SiteSummary> list() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return sites.summaries(c);
        }
    }
}
