package org.mengkeju.finance.lead;

/** An outcome the lead's status does not allow, e.g. a disbursement before an approval. */
public final class OutcomeRefused extends IllegalStateException {

    private final String slug;

    OutcomeRefused(String slug, String message) {
        super(message);
        this.slug = slug;
    }

    public String slug() {
        return slug;
    }
}
