package dev.mmids.gradient.web.admission;

import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** The paths of the API's controllers, as Spring MVC maps them, for what answers before Spring MVC runs. */
@Component
class Endpoints {

    private final ObjectProvider<RequestMappingHandlerMapping> mappings;
    private volatile Set<String> paths;

    Endpoints(
            @Qualifier("requestMappingHandlerMapping")
                    ObjectProvider<RequestMappingHandlerMapping> requestMappingHandlerMapping) {
        this.mappings = requestMappingHandlerMapping;
    }

    /** Every path a controller maps (the API has no path variables). */
    Set<String> paths() {
        Set<String> known = paths;
        if (known == null) {
            known = mappings.getObject().getHandlerMethods().keySet().stream()
                    .flatMap(mapping -> mapping.getPatternValues().stream())
                    .collect(Collectors.toUnmodifiableSet());
            paths = known;
        }
        return known;
    }
}
