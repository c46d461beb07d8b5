package org.mengkeju.catalog.achievement;

/** A listing's content breaks a rule of the catalog; names the field (as the API spells it) and what is wrong. */
public final class InvalidListing extends IllegalArgumentException {

    private final String field;

    public InvalidListing(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
