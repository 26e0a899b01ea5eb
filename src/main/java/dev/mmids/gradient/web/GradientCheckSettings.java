package dev.mmids.gradient.web;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The gradient check of {@code "check": true}: each coordinate costs two forward passes.
 *
 * @param coordinates the most coordinates compared besides the random direction
 * @param seed the seed of the direction and of the coordinates chosen, so that a request is checked the
 *     same way every time
 */
@Validated
@ConfigurationProperties("gradient.check")
record GradientCheckSettings(
        @Positive @DefaultValue("20") int coordinates,
        @DefaultValue("535") long seed) {}
