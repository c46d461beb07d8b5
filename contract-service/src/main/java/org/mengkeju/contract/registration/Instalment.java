package org.mengkeju.contract.registration;

import java.math.BigDecimal;
import java.time.LocalDate;

/** One payment of a contract's payment schedule (支付方式): due on a local day, exact in yuan. */
public record Instalment(LocalDate dueOn, BigDecimal amountYuan) {
}
