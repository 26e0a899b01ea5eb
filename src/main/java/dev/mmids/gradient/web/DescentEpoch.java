package dev.mmids.gradient.web;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One epoch of a run of {@code POST /descent}: an entry of the answer's {@code history}, and the data of a
 * {@code progress} event, which adds the steps so far and the seconds since the run began.
 *
 * @param loss the mean of the epoch's batch losses, each taken before its step
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record DescentEpoch(int epoch, double loss, Long steps, Double elapsedSeconds) {}
