package dev.mmids.gradient.backprop;

/** Sizes that do not fit together: a layer's input, its parameters, the labels. */
public class ShapeMismatchException extends IllegalArgumentException {

    public ShapeMismatchException(String message) {
        super(message);
    }
}
