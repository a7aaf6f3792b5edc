package io.edgefleet.api.templates;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A named, partial cluster request: the fields a create request gets unless it sets them itself.
 *
 * @param name        what a request names in its {@code template} field, e.g. {@code ha}
 * @param description what the template is for, for a person choosing one
 * @param origin      {@code default} for a template fleet-api ships, else the file that defined it
 * @param spec        part of a ClusterRequested body: any of its fields but the cluster's id, team and site
 */
@Schema(name = "ClusterTemplate", description = "A named, partial cluster request that a create request may name"
        + " in its template field and override field by field")
public record ClusterTemplate(
        @Schema(examples = "ha") String name,
        String description,
        @Schema(description = "default (shipped with fleet-api) or the operator's file that defined it") String origin,
        @Schema(description = "part of a ClusterRequested body (kubernetesVersion, controlPlane, workers, ttlSeconds,"
                + " labels)") ObjectNode spec) {

    public ClusterTemplate {
        spec = spec.deepCopy();
    }

    @Override
    public ObjectNode spec() {
        return spec.deepCopy();
    }
}
