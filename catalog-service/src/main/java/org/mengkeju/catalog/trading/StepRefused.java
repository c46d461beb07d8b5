package org.mengkeju.catalog.trading;

/** A step on a lot that its state does not allow; a 409 named by {@code slug}. */
class StepRefused extends RuntimeException {

    private final String slug;

    StepRefused(String slug, String message) {
        super(message);
        this.slug = slug;
    }

    String slug() {
        return slug;
    }

    /** Something named inside a lot that does not exist; a 404. */
    static final class NotFound extends StepRefused {
        NotFound(String what) {
            super("not-found", what + " does not exist");
        }
    }
}
