package dev.mmids.gradient.web;

import dev.mmids.gradient.backprop.Chain;
import dev.mmids.gradient.backprop.compute.Deadline;
import dev.mmids.gradient.backprop.compute.DeadlineExceededException;
import dev.mmids.gradient.backprop.descent.Descent;
import dev.mmids.gradient.backprop.descent.DivergedException;
import dev.mmids.gradient.web.admission.AdmissionSettings;
import dev.mmids.gradient.web.admission.Admitted;
import dev.mmids.gradient.web.admission.EventStream;
import dev.mmids.gradient.web.admission.Footprint;
import dev.mmids.gradient.web.model.DescentRequest;
import dev.mmids.gradient.web.model.Limits;
import dev.mmids.gradient.web.model.ModelAssembler;
import dev.mmids.gradient.web.model.Training;
import dev.mmids.gradient.web.problem.NonFiniteResultProblem;
import dev.mmids.gradient.web.problem.OverloadedProblem;
import dev.mmids.gradient.web.problem.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /descent}: gradient descent on the server, each step the seed's forward and backward pass
 * of a batch and an update of {@code torch.optim}'s SGD or Adam. The whole answer at the end, or, for a
 * client that accepts {@code text/event-stream}, a {@code progress} event per epoch and a {@code result}
 * event as the run goes. A run holds its computation slot and its memory until it ends; a client that
 * disconnects from the stream ends it within a second.
 */
@RestController
class DescentController {

    private final ModelAssembler assembler;
    private final Limits limits;
    private final AdmissionSettings admission;
    private final ServiceMetrics metrics;
    private final JsonMapper json;

    DescentController(
            ModelAssembler assembler,
            Limits limits,
            AdmissionSettings admission,
            ServiceMetrics metrics,
            JsonMapper json) {
        this.assembler = assembler;
        this.limits = limits;
        this.admission = admission;
        this.metrics = metrics;
        this.json = json;
    }

    @PostMapping(
            path = "/descent",
            consumes = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_CBOR_VALUE})
    DescentResponse descent(DescentRequest request, Admitted admitted) {
        Training training = admit(request, admitted, false);
        List<DescentEpoch> history = new ArrayList<>();
        Training.Trained trained =
                run(training, (epoch, loss, steps) -> history.add(new DescentEpoch(epoch, loss, null, null)));
        return answer(training, trained, history);
    }

    @PostMapping(
            path = "/descent",
            consumes = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_CBOR_VALUE},
            produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    void stream(DescentRequest request, Admitted admitted) throws IOException {
        Training training = admit(request, admitted, true);
        EventStream events = admitted.streamEvents();
        long start = System.nanoTime();
        List<DescentEpoch> history = new ArrayList<>();
        Training.Trained trained;
        try {
            trained = run(training, new Descent.Progress() {
                @Override
                public void epoch(int epoch, double loss, long steps) {
                    history.add(new DescentEpoch(epoch, loss, null, null));
                    events.send(
                            "progress",
                            json.writeValueAsString(
                                    new DescentEpoch(epoch, loss, steps, (System.nanoTime() - start) / 1e9)));
                }

                @Override
                public void step(long steps) {
                    events.heartbeat();
                }
            });
        } catch (Problem problem) {
            events.problem(problem);
            return;
        } catch (UncheckedIOException gone) {
            metrics.descent("disconnected", 0, System.nanoTime() - start);
            return;
        }
        events.send("result", json.writeValueAsString(answer(training, trained, history)));
    }

    private Training admit(DescentRequest request, Admitted admitted, boolean streamed) {
        Training training = assembler.descent(request);
        Chain chain = training.model().chain();
        int states = training.plan().optimizer().stateVectors();
        long bytes = Footprint.plus(
                Footprint.descent(chain, training.plan().batchSize(), states),
                Footprint.answer(
                        Footprint.plus(chain.parameterCount(), training.plan().epochs()),
                        training.plan().epochs(),
                        chain.depth()));
        if (streamed) {
            admitted.computeStreamed(bytes);
        } else {
            admitted.compute(bytes);
        }
        return training;
    }

    /** Runs the training within the run's deadline, and counts it. */
    private Training.Trained run(Training training, Descent.Progress progress) {
        long start = System.nanoTime();
        int[] epochs = {0};
        try (Deadline.Scope scope = Deadline.after(limits.descentDeadline()).enter()) {
            Training.Trained trained = training.run(new Descent.Progress() {
                @Override
                public void epoch(int epoch, double loss, long steps) {
                    epochs[0] = epoch;
                    progress.epoch(epoch, loss, steps);
                }

                @Override
                public void step(long steps) {
                    progress.step(steps);
                }
            });
            metrics.descent("completed", trained.steps(), System.nanoTime() - start);
            metrics.computed(
                    "descent", training.model().chain(), training.model().samples());
            return trained;
        } catch (DivergedException e) {
            metrics.descent("diverged", 0, System.nanoTime() - start);
            throw new NonFiniteResultProblem("/optimizer/learningRate", e.getMessage());
        } catch (DeadlineExceededException e) {
            metrics.descent("deadline", 0, System.nanoTime() - start);
            throw OverloadedProblem.runDeadlineExceeded(
                    limits.descentDeadline().toSeconds(), epochs[0], admission.retryAfter());
        }
    }

    private static DescentResponse answer(Training training, Training.Trained trained, List<DescentEpoch> history) {
        return new DescentResponse(
                trained.parameters(),
                LayoutEntry.of(training.model().chain(), training.model().order()),
                trained.steps(),
                history,
                training.seed());
    }
}
