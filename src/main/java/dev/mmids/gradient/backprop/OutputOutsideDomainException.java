package dev.mmids.gradient.backprop;

/**
 * A network output on which the loss is not finite, e.g. a zero probability where the label is
 * positive: the model and the loss do not fit together.
 */
public class OutputOutsideDomainException extends ArithmeticException {

    private final Loss loss;
    private final int sample;
    private final int index;

    OutputOutsideDomainException(Loss loss, int sample, int index, double value, String problem) {
        super(loss.id() + " is not finite here: output " + index + " of sample " + sample + " is " + value + ", which "
                + problem + hint(loss));
        this.loss = loss;
        this.sample = sample;
        this.index = index;
    }

    private static String hint(Loss loss) {
        return switch (loss) {
            case CROSS_ENTROPY -> "; end the network with softmax, or use cross_entropy_logits on its input";
            case BINARY_CROSS_ENTROPY ->
                "; end the network with sigmoid, or use binary_cross_entropy_logits on its input";
            default -> "";
        };
    }

    public Loss loss() {
        return loss;
    }

    public int sample() {
        return sample;
    }

    public int index() {
        return index;
    }
}
