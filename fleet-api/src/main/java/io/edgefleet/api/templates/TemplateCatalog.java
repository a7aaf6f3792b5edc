package io.edgefleet.api.templates;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The cluster templates a create request may name: those fleet-api ships ({@code small}, {@code ha}, {@code ha-bm})
 * and the operator's, read once at start from {@code fleet.templates.file}; an operator's template of the same name
 * replaces a shipped one. A file that cannot be read or holds no valid templates stops fleet-api at start, with the
 * reason, rather than leaving requests to fail one by one later.
 */
@ApplicationScoped
public class TemplateCatalog {
    private static final Logger LOG = Logger.getLogger(TemplateCatalog.class);
    static final String DEFAULTS = "templates/default-cluster-templates.yaml";

    @ConfigProperty(name = "fleet.templates.file")
    Optional<String> file;

    private volatile Map<String, ClusterTemplate> templates = Map.of();

    @PostConstruct
    void load() {
        try {
            templates = load(file.filter(f -> !f.isBlank()).map(Path::of));
        } catch (TemplateFile.InvalidTemplates e) {
            throw new IllegalStateException("cluster templates: " + e.getMessage(), e);
        }
    }

    /** The shipped templates, then those of {@code operatorFile} over them, sorted by name. */
    static Map<String, ClusterTemplate> load(Optional<Path> operatorFile) throws TemplateFile.InvalidTemplates {
        Map<String, ClusterTemplate> all = new TreeMap<>(TemplateFile.parse(shipped(), "default"));
        if (operatorFile.isPresent()) {
            Path path = operatorFile.get();
            byte[] yaml;
            try {
                yaml = Files.readAllBytes(path);
            } catch (IOException e) {
                throw new TemplateFile.InvalidTemplates(path + " (fleet.templates.file) cannot be read: " + e);
            }
            Map<String, ClusterTemplate> own = TemplateFile.parse(yaml, path.toString());
            all.putAll(own);
            LOG.infof("cluster templates: %d from %s, %d in all", own.size(), path, all.size());
        }
        return Map.copyOf(all);
    }

    private static byte[] shipped() throws TemplateFile.InvalidTemplates {
        try (InputStream in = TemplateCatalog.class.getClassLoader().getResourceAsStream(DEFAULTS)) {
            if (in == null) {
                throw new TemplateFile.InvalidTemplates(DEFAULTS + " is missing from fleet-api's classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new TemplateFile.InvalidTemplates(DEFAULTS + " cannot be read: " + e);
        }
    }

    /** Every template, sorted by name. */
    public List<ClusterTemplate> all() {
        return new TreeMap<>(templates).values().stream().toList();
    }

    public Optional<ClusterTemplate> find(String name) {
        return Optional.ofNullable(templates.get(name));
    }

    /** The known names, sorted, for an error that lists them. */
    public List<String> names() {
        return new TreeMap<>(templates).keySet().stream().toList();
    }
}
