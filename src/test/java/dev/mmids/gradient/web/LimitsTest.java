package dev.mmids.gradient.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mmids.gradient.web.model.Limits;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.unit.DataSize;

/** The limits bind from properties and environment variables, with the API's defaults, and are validated. */
class LimitsTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(Limits.class)
    static class WithLimits {}

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(WithLimits.class);

    @Test
    void defaultsAreTheApisLimits() {
        runner.run(context -> {
            Limits limits = context.getBean(Limits.class);
            assertThat(limits.maxBodySize()).isEqualTo(DataSize.ofMegabytes(64));
            assertThat(limits.maxLayers()).isEqualTo(1_000);
            assertThat(limits.maxParameters()).isEqualTo(10_000_000);
            assertThat(limits.maxSamples()).isEqualTo(100_000);
            assertThat(limits.maxLayerOutputs()).isEqualTo(1_000_000);
            assertThat(limits.maxTraceEntries()).isEqualTo(1_000_000);
            assertThat(limits.maxJacobianEntries()).isEqualTo(10_000_000);
            assertThat(limits.computeDeadline()).isEqualTo(java.time.Duration.ofSeconds(30));
        });
    }

    @Test
    void propertiesOverrideTheDefaults() {
        runner.withPropertyValues("gradient.limits.max-layers=7", "gradient.limits.max-body-size=2MB")
                .run(context -> {
                    assertThat(context.getBean(Limits.class).maxLayers()).isEqualTo(7);
                    assertThat(context.getBean(Limits.class).maxBodySize()).isEqualTo(DataSize.ofMegabytes(2));
                });
    }

    @Test
    void environmentVariablesOverrideTheDefaults() {
        runner.withInitializer(context -> context.getEnvironment()
                        .getPropertySources()
                        .addFirst(new SystemEnvironmentPropertySource(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                Map.of("GRADIENT_LIMITS_MAX_SAMPLES", "12"))))
                .run(context ->
                        assertThat(context.getBean(Limits.class).maxSamples()).isEqualTo(12));
    }

    @Test
    void rejectsALimitThatIsNotPositive() {
        runner.withPropertyValues("gradient.limits.max-layers=0")
                .run(context -> assertThat(context).hasFailed().getFailure().hasStackTraceContaining("maxLayers"));
        runner.withPropertyValues("gradient.limits.max-body-size=0B")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .hasStackTraceContaining("max-body-size must be positive"));
    }
}
