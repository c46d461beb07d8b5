package org.mengkeju.finance.product;

/** The kinds of financing product institutions publish on the platform. */
public enum ProductType {
    /** 科创易贷: tech-innovation credit, unsecured, on the enterprise's innovation record. */
    TECH_INNOVATION_CREDIT,
    /** 知识产权质押贷: a loan against pledged patents or other IP. */
    IP_PLEDGE_LOAN,
    /** 股权质押贷: a loan against pledged equity. */
    EQUITY_PLEDGE_LOAN,
    /** 采购易贷: a loan for purchases under a signed contract. */
    PURCHASE_LOAN,
    /** 易贷通循环贷: a revolving credit line. */
    REVOLVING_LOAN,
    /** 中试综合保险: insurance of pilot-stage (中试) risk; its "rate" is the premium rate. */
    PILOT_INSURANCE
}
