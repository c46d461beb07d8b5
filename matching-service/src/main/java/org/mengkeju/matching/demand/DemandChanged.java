package org.mengkeju.matching.demand;

/** Inside this service only: a demand was posted or changed (for the search index to follow). */
public record DemandChanged(String demandId) {
}
