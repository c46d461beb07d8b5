package org.mengkeju.catalog.institution;

/**
 * What kind of body owns achievements. Public universities and research institutes are state-funded: the rule that
 * their inventors (成果完成人) get at least 70% of net transfer income applies to them alone.
 */
public enum InstitutionType {
    /** 公办高校. */
    PUBLIC_UNIVERSITY(true),
    /** 公立科研院所. */
    PUBLIC_RESEARCH_INSTITUTE(true),
    /** 民办高校. */
    PRIVATE_UNIVERSITY(false),
    /** 新型研发机构 and other privately run institutes. */
    PRIVATE_RESEARCH_INSTITUTE(false),
    /** 企业. */
    ENTERPRISE(false),
    OTHER(false);

    private final boolean publicResearchBody;

    InstitutionType(boolean publicResearchBody) {
        this.publicResearchBody = publicResearchBody;
    }

    /** Whether the inventors' minimum income share applies to its achievements. */
    public boolean isPublicResearchBody() {
        return publicResearchBody;
    }
}
