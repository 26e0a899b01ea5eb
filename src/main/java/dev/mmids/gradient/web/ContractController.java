package dev.mmids.gradient.web;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /openapi.yaml}: the contract, the very file of the repository, which Swagger UI shows. */
@RestController
class ContractController {

    /** YAML is UTF-8 by default; saying so keeps clients that fall back to ISO-8859-1 from garbling ∇ and ×. */
    static final String YAML = "application/yaml;charset=UTF-8";

    private final Resource contract = new ClassPathResource("openapi.yaml");

    @GetMapping(path = "/openapi.yaml", produces = YAML)
    Resource contract() {
        return contract;
    }
}
