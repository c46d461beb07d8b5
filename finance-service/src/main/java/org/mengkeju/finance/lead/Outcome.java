package org.mengkeju.finance.lead;

/** What a finance institution reports about a lead. */
public enum Outcome {
    CONTACTED(LeadStatus.CONTACTED),
    APPROVED(LeadStatus.APPROVED),
    REJECTED(LeadStatus.REJECTED),
    DISBURSED(LeadStatus.DISBURSED);

    private final LeadStatus leadsTo;

    Outcome(LeadStatus leadsTo) {
        this.leadsTo = leadsTo;
    }

    LeadStatus leadsTo() {
        return leadsTo;
    }
}
