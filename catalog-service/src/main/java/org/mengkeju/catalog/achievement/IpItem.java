package org.mengkeju.catalog.achievement;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * One piece of intellectual property behind a result (知识产权): a patent, a software copyright, a plant variety...
 *
 * @param number      the registration or application number; patents are checked by {@link PatentNumber}
 * @param type        what kind of right it is
 * @param legalStatus where the right stands
 */
public record IpItem(@NotBlank @Size(max = 40) String number, @NotNull Type type, @NotNull LegalStatus legalStatus) {

    /** The kinds of right. */
    public enum Type {
        /** 发明专利 */ INVENTION_PATENT,
        /** 实用新型 */ UTILITY_MODEL,
        /** 外观设计 */ DESIGN,
        /** 软件著作权 */ SOFTWARE_COPYRIGHT,
        /** 植物新品种权 */ PLANT_VARIETY,
        /** 集成电路布图设计 */ IC_LAYOUT,
        /** 技术秘密 */ TECHNICAL_SECRET;

        boolean isPatent() {
            return this == INVENTION_PATENT || this == UTILITY_MODEL || this == DESIGN;
        }
    }

    /** Where the right stands (法律状态). */
    public enum LegalStatus {
        /** 申请中 / 实审 */ PENDING,
        /** 已授权 / 有效 */ GRANTED,
        /** 届满 */ EXPIRED,
        /** 无效 / 终止 */ LAPSED
    }

    /** Checks the item; {@code index} places it in the listing's list for the error message. */
    IpItem checked(int index) {
        String field = "ipItems[" + index + "]";
        if (type == null || legalStatus == null || number == null || number.isBlank()) {
            throw new InvalidListing(field, "number, type and legalStatus are required");
        }
        if (type.isPatent()) {
            String violation = PatentNumber.violation(number);
            if (violation != null) {
                throw new InvalidListing(field + ".number", violation);
            }
        }
        return new IpItem(number.strip(), type, legalStatus);
    }

    /** Whether it is a patent that has been granted and is in force: finance and matching weigh these. */
    public boolean isGrantedPatent() {
        return type.isPatent() && legalStatus == LegalStatus.GRANTED;
    }
}
