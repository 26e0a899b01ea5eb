package dev.mmids.gradient.backprop;

/** An infinite or NaN value arising in the computation from finite inputs, e.g. an overflow in a layer. */
public class NonFiniteValueException extends ArithmeticException {

    private final int layer;
    private final boolean inLoss;
    private final boolean onlyTraced;

    private NonFiniteValueException(int layer, boolean inLoss, String message) {
        this(layer, inLoss, false, message);
    }

    private NonFiniteValueException(int layer, boolean inLoss, boolean onlyTraced, String message) {
        super(message);
        this.layer = layer;
        this.inLoss = inLoss;
        this.onlyTraced = onlyTraced;
    }

    static NonFiniteValueException inForwardPass(int i, Layer layer, int sample, int index, double value) {
        return new NonFiniteValueException(
                i,
                false,
                "the forward pass overflowed at layer " + i + " (" + layer.kind() + "): output " + index + " of sample "
                        + sample + " is " + value + "; the parameters or inputs are too large for double precision");
    }

    static NonFiniteValueException inLoss(int i, Loss loss, double value) {
        return new NonFiniteValueException(
                i, true, "the loss (" + loss.id() + ") is " + value + "; the network's outputs are too large for it");
    }

    static NonFiniteValueException inLossGradient(int i, Loss loss) {
        return new NonFiniteValueException(
                i,
                true,
                "the gradient of the loss (" + loss.id() + ") is not finite; an output is too close to where the"
                        + " loss is undefined");
    }

    static NonFiniteValueException inTracedLossGradient(int i, Loss loss) {
        return new NonFiniteValueException(
                i,
                true,
                true,
                "q^{L+1}, the gradient of " + loss.id() + " at the output, is not a finite double: an output"
                        + " rounded to 0 or 1 where the label needs it inside (0, 1), although the gradient, computed"
                        + " from the logits, is finite");
    }

    static NonFiniteValueException inJacobian(int i, Layer layer) {
        return new NonFiniteValueException(
                i,
                false,
                "the Jacobian overflowed at layer " + i + " (" + layer.kind()
                        + "); the parameters or inputs are too large for double precision");
    }

    static NonFiniteValueException inBackwardPass(int i, Layer layer, String quantity) {
        return new NonFiniteValueException(
                i,
                false,
                "the backward pass overflowed at layer " + i + " (" + layer.kind() + "): its " + quantity
                        + " is not finite; the parameters or inputs are too large for double precision");
    }

    /** The layer i = 1..L where the value arose, or L + 1 for the loss. */
    public int layer() {
        return layer;
    }

    /** Whether the value arose in the loss or its gradient rather than in a layer. */
    public boolean inLoss() {
        return inLoss;
    }

    /** Whether only a trace needs the value: the loss and gradient computed without one are finite. */
    public boolean onlyTraced() {
        return onlyTraced;
    }
}
