package org.mengkeju.finance.product;

import java.math.BigDecimal;

/**
 * Why a profile passed one condition, for the loan officer reading the lead: the fact, its value, what the rule asked
 * and the sentence that says it (近12个月登记技术合同份数 3，要求 ≥ 2).
 */
public record Reason(String field, String actual, String required, String text) {

    static Reason of(ProfileField field, Object actual, String required) {
        String value = actual instanceof BigDecimal number ? number.toPlainString() : String.valueOf(actual);
        return new Reason(field.name(), value, required, field.label() + " " + value + "，要求 " + required);
    }
}
