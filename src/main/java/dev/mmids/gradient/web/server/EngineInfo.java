package dev.mmids.gradient.web.server;

import dev.mmids.gradient.backprop.compute.Products;
import java.util.Map;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.stereotype.Component;

/** Says in /actuator/info what computes the matrix products: the system's BLAS, or EJML without one. */
@Component
class EngineInfo implements InfoContributor {

    @Override
    public void contribute(Info.Builder builder) {
        builder.withDetail(
                "engine", Map.of("matrixProducts", Products.nativeBlas() ? "native BLAS through JNI" : "EJML"));
    }
}
