package org.mengkeju.contract.registration;

import java.math.BigDecimal;

/** A non-technical cost item (非技术性费用) of a contract: purchased equipment, instruments, parts, raw materials. */
public record CostItem(CostKind kind, String description, BigDecimal amountYuan) {
}
