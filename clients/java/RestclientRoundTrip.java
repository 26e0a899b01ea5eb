// A round trip through the Java client that openapi-generator's `java` generator makes from openapi.yaml
// with `--library restclient` and otherwise default settings (Spring's RestClient and Jackson;
// target/generated-clients/java-restclient). run.sh builds the client and runs this file with Java's
// single-file launcher:
//   java -cp <the client's classes and dependencies> clients/java/RestclientRoundTrip.java BASE_URL
// Prints one "ok: ..." line per check; the first failed check throws, so the exit status is non-zero.

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.openapitools.client.ApiClient;
import org.openapitools.client.api.CatalogApi;
import org.openapitools.client.api.ForwardApi;
import org.openapitools.client.api.GradientApi;
import org.openapitools.client.api.JvpApi;
import org.openapitools.client.api.VjpApi;
import org.openapitools.client.model.JvpRequest;
import org.openapitools.client.model.JvpResponse;
import org.openapitools.client.model.ParameterOrder;
import org.openapitools.client.model.VjpRequest;
import org.openapitools.client.model.VjpResponse;
import org.openapitools.client.model.Catalog;
import org.openapitools.client.model.CatalogLayer;
import org.openapitools.client.model.CatalogLoss;
import org.openapitools.client.model.ForwardRequest;
import org.openapitools.client.model.ForwardResponse;
import org.openapitools.client.model.GradientRequest;
import org.openapitools.client.model.GradientResponse;
import org.openapitools.client.model.Layer;
import org.openapitools.client.model.LayerType;
import org.openapitools.client.model.Loss;
import org.openapitools.client.model.LossType;
import org.openapitools.client.model.Problem;
import org.openapitools.client.model.Reduction;
import org.springframework.web.client.RestClientResponseException;

public class RestclientRoundTrip {
    static final String CLIENT = "java restclient";
    static final double TOLERANCE = 1e-12;
    /** Example 3 as the client should serialize it: the README's fields, nothing added (no [] and no null). */
    static final String EXAMPLE_3_JSON = ("{'layers':["
            + "{'type':'linear','outputs':2,'bias':false,'parameters':[0.0,1.0,-1.0,2.0,0.0,1.0]},{'type':'sigmoid'},"
            + "{'type':'linear','outputs':2,'bias':false,'parameters':[-1.0,0.0,2.0,-1.0]},{'type':'softmax'}],"
            + "'loss':{'type':'cross_entropy'},'x':[1.0,0.0,-1.0],'y':[0.0,1.0]}").replace('\'', '"');

    static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError("failed: " + CLIENT + ": " + what);
        }
        System.out.println("ok: " + CLIENT + ": " + what);
    }

    static boolean close(double actual, double expected) {
        return Math.abs(actual - expected) <= TOLERANCE;
    }

    static boolean close(List<Double> actual, double... expected) {
        if (actual == null || actual.size() != expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (!close(actual.get(i), expected[i])) {
                return false;
            }
        }
        return true;
    }

    /** Example 3 of the README, with the fields the README sets and no other. */
    static GradientRequest example3(List<Double> y) {
        return new GradientRequest()
                .layers(List.of(
                        new Layer().type(LayerType.LINEAR).outputs(2).bias(false)
                                .parameters(List.of(0.0, 1.0, -1.0, 2.0, 0.0, 1.0)),
                        new Layer().type(LayerType.SIGMOID),
                        new Layer().type(LayerType.LINEAR).outputs(2).bias(false)
                                .parameters(List.of(-1.0, 0.0, 2.0, -1.0)),
                        new Layer().type(LayerType.SOFTMAX)))
                .loss(new Loss().type(LossType.CROSS_ENTROPY))
                .x(List.of(1.0, 0.0, -1.0))
                .y(y);
    }

    public static void main(String[] args) throws Exception {
        ApiClient client = new ApiClient();
        client.setBasePath(args.length > 0 ? args[0] : "http://localhost:8080");
        GradientApi gradients = new GradientApi(client);
        ForwardApi forwards = new ForwardApi(client);
        CatalogApi catalogs = new CatalogApi(client);

        // What goes on the wire: the client adds nothing to what was set (no [] and no null for unset fields).
        String wire = client.getObjectMapper().writeValueAsString(example3(List.of(0.0, 1.0)));
        check(wire.equals(EXAMPLE_3_JSON), "example 3 is sent with only the fields it sets: " + wire);

        GradientResponse gradient = gradients.gradient(example3(List.of(0.0, 1.0)));
        check(close(gradient.getLoss(), 0.20843195582579133), "POST /gradient example 3: loss " + gradient.getLoss());
        check(gradient.getGradient().size() == 10 && close(gradient.getGradient().get(0), 0.13754408424030204),
                "POST /gradient example 3: gradient[0] " + gradient.getGradient().get(0) + " of 10");
        check(close(gradient.getOutput(), 0.18814372508706215, 0.8118562749129378),
                "POST /gradient example 3: output " + gradient.getOutput());
        check(gradient.getSampleCount() == 1 && gradient.getReduction() == Reduction.MEAN
                        && gradient.getLayout().get(0).getType() == LayerType.SOFTMAX,
                "POST /gradient example 3: sampleCount 1, reduction mean, layout layer L first");

        try {
            GradientResponse unexpected = gradients.gradient(example3(List.of(0.5, 0.6)));
            check(false, "POST /gradient with y = [0.5, 0.6]: 422, but got 200 " + unexpected);
        } catch (RestClientResponseException e) {
            int status = e.getStatusCode().value();
            check(status == 422, "POST /gradient with y = [0.5, 0.6]: status " + status);
            String contentType = e.getResponseHeaders() == null ? null
                    : e.getResponseHeaders().getFirst("Content-Type");
            check(contentType != null && contentType.startsWith("application/problem+json"),
                    "POST /gradient with y = [0.5, 0.6]: Content-Type " + contentType);
            Problem problem = client.getObjectMapper()
                    .readValue(e.getResponseBodyAsString(), Problem.class);
            check(problem.getStatus() == 422 && problem.getType().toString().endsWith("/invalid-label"),
                    "POST /gradient with y = [0.5, 0.6]: problem type " + problem.getType());
            String pointer = problem.getErrors() == null || problem.getErrors().isEmpty() ? null
                    : problem.getErrors().get(0).getPointer();
            check("/y".equals(pointer), "POST /gradient with y = [0.5, 0.6]: errors[0].pointer " + pointer);
        }

        // The contract's outputOnly example of /forward.
        ForwardResponse forward = forwards.forward(new ForwardRequest()
                .layers(List.of(new Layer().type(LayerType.RELU)))
                .x(List.of(1.0, -2.0)));
        check(forward.getOutputs().size() == 1 && close(forward.getOutputs().get(0), 1.0, 0.0)
                        && forward.getSampleCount() == 1 && forward.getLoss() == null,
                "POST /forward relu on [1, -2]: outputs " + forward.getOutputs());

        // v1.1: the parameter order, class labels, per-sample gradients, /vjp and /jvp.
        GradientResponse firstLayerFirst = gradients.gradient(example3(null).label(1)
                .order(ParameterOrder.fromValue("first-layer-first")).reduction(Reduction.fromValue("none")));
        check(close(firstLayerFirst.getGradient().get(6), 0.13754408424030204)
                        && firstLayerFirst.getLayout().get(0).getLayer() == 1
                        && firstLayerFirst.getLayout().get(0).getOutputs() == 2
                        && firstLayerFirst.getLosses().size() == 1 && firstLayerFirst.getGradients().size() == 1,
                "POST /gradient example 3, label 1, first-layer-first, none: gradient[6] "
                        + firstLayerFirst.getGradient().get(6));
        List<Layer> example5 = List.of(
                new Layer().type(LayerType.LINEAR).outputs(2).bias(false)
                        .parameters(List.of(0.0, 1.0, -1.0, 2.0, 0.0, 1.0)),
                new Layer().type(LayerType.LINEAR).outputs(2).bias(false).parameters(List.of(-1.0, 0.0, 2.0, -1.0)));
        VjpResponse vjp = new VjpApi(client).vjp(new VjpRequest().layers(example5)
                .x(List.of(1.0, 0.0, -1.0)).cotangent(List.of(1.0, 0.0)));
        check(close(vjp.getInputGradient(), 0.0, -1.0, 1.0) && close(vjp.getGradient().get(0), 1.0),
                "POST /vjp example 5, v = e_1: inputGradient " + vjp.getInputGradient());
        JvpResponse jvp = new JvpApi(client).jvp(new JvpRequest().layers(example5).x(List.of(1.0, 0.0, -1.0))
                .tangent(List.of(1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0))
                .inputTangent(List.of(0.0, 0.0, 1.0)));
        check(close(jvp.getTangentOutput(), 2.0, -3.0), "POST /jvp example 5: tangentOutput " + jvp.getTangentOutput());

        Catalog catalog = catalogs.catalog();
        Set<LayerType> layerTypes = catalog.getLayers().stream().map(CatalogLayer::getType)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(LayerType.class)));
        Set<LossType> lossTypes = catalog.getLosses().stream().map(CatalogLoss::getType)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(LossType.class)));
        check(layerTypes.equals(EnumSet.allOf(LayerType.class)) && lossTypes.equals(EnumSet.allOf(LossType.class))
                        && Set.copyOf(catalog.getReductions()).equals(EnumSet.allOf(Reduction.class)),
                "GET /catalog: " + layerTypes.size() + " layer types, " + lossTypes.size() + " losses, reductions "
                        + catalog.getReductions());
        check(catalog.getLimits().getMaxLayers() > 0 && catalog.getCheck().getEpsilon() > 0,
                "GET /catalog: limits (maxLayers " + catalog.getLimits().getMaxLayers() + ") and check (epsilon "
                        + catalog.getCheck().getEpsilon() + ")");
    }
}
