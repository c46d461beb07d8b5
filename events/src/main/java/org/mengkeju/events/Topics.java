package org.mengkeju.events;

/**
 * Kafka topic names: one topic per event stream. Each consumer group that reads a stream has its own dead-letter
 * topic, {@code <topic>.<group>.dlt}, so two services consuming one topic never share (or read each other's) poison
 * records.
 *
 * <p>Order: the outbox relay sends the events of one key one after another (the next only after Kafka acknowledged
 * the previous), so a topic keyed by aggregate id delivers each aggregate's events in the order they happened. A
 * topic keyed by something else says below what its order promises.
 */
public final class Topics {

    /** Achievement (科技成果) lifecycle, keyed by achievement id. */
    public static final String CATALOG_ACHIEVEMENTS = "mengkeju.catalog.achievements";

    /** Institutions (universities, institutes, enterprises) registered in the catalog, keyed by institution id. */
    public static final String CATALOG_INSTITUTIONS = "mengkeju.catalog.institutions";

    /** Technology contracts (技术合同) and their registration (认定登记), keyed by contract id. */
    public static final String CONTRACT_CONTRACTS = "mengkeju.contract.contracts";
    /** Technology demand (技术需求) lifecycle, keyed by demand id. */
    public static final String MATCHING_DEMANDS = "mengkeju.matching.demands";

    /** Challenge lists (揭榜挂帅): published, applied to, shortlisted, awarded; keyed by challenge id. */
    public static final String MATCHING_CHALLENGES = "mengkeju.matching.challenges";

    /** Match proposals (对接建议): made, contacted, negotiating, closed won or lost; keyed by proposal id. */
    public static final String MATCHING_PROPOSALS = "mengkeju.matching.proposals";

    /**
     * Price inquiries (询价) on achievements, keyed by inquiry id. The events say who asked about which listing and
     * when the owner answered, never what was written: the thread is private to the two sides and operators.
     */
    public static final String CATALOG_INQUIRIES = "mengkeju.catalog.inquiries";

    /**
     * Trading (挂牌 and 竞价): deals concluded, final or annulled after their publication period (公示), and buyers'
     * deposits (保证金) released; keyed by lot id.
     */
    public static final String CATALOG_TRADING = "mengkeju.catalog.trading";

    /** Release sessions and roadshows (专题发布会/路演) and the achievements listed in them, keyed by session id. */
    public static final String CATALOG_SESSIONS = "mengkeju.catalog.sessions";

    /**
     * Innovation-point (创新积分) awards posted, keyed by the credited account id so an account's postings share a
     * partition. Each award is its own ledger transfer (its own document), so no consumer may depend on the order of
     * one account's postings: one relay sends them oldest first and stops an account's chain at a failure, but
     * postings written and relayed by different replicas can interleave.
     */
    public static final String POINTS_TRANSFERS = "mengkeju.points.transfers";

    /** Redemptions of innovation points for cash (积分兑换): requested, approved or voided; keyed by redemption id. */
    public static final String POINTS_REDEMPTIONS = "mengkeju.points.redemptions";

    /**
     * Financing leads (融资线索): opened for a finance institution, their reported outcomes (contacted, approved,
     * rejected, disbursed) and their withdrawal with the enterprise's consent; keyed by lead id.
     */
    public static final String FINANCE_LEADS = "mengkeju.finance.leads";

    private static final String DEAD_LETTER_SUFFIX = ".dlt";

    private Topics() {
    }

    /** The dead-letter topic of consumer group {@code group} on {@code topic}, where its poison records go. */
    public static String deadLetterOf(String topic, String group) {
        if (group == null || group.isBlank()) {
            throw new IllegalArgumentException("a dead-letter topic belongs to a consumer group; none given for "
                    + topic);
        }
        return topic + "." + group + DEAD_LETTER_SUFFIX;
    }
}
