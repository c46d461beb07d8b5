package org.mengkeju.contract.registration;

import java.util.EnumSet;
import java.util.Set;

/** The five kinds of technology contract the registration rules know (技术合同类型), each with its sub-types. */
public enum ContractType {
    /** 技术开发: commissioned (委托开发) or cooperative (合作开发). */
    DEVELOPMENT(EnumSet.of(ContractSubType.COMMISSIONED, ContractSubType.COOPERATIVE)),
    /** 技术转让: of a patent right, a patent application right, a technical secret, or other. */
    TRANSFER(EnumSet.of(ContractSubType.PATENT_RIGHT, ContractSubType.PATENT_APPLICATION_RIGHT,
            ContractSubType.TECHNICAL_SECRET, ContractSubType.OTHER)),
    /** 技术许可: exclusive (独占), sole (排他) or non-exclusive (普通), for a term. */
    LICENCE(EnumSet.of(ContractSubType.EXCLUSIVE, ContractSubType.SOLE, ContractSubType.NON_EXCLUSIVE)),
    /** 技术咨询: no sub-type. */
    CONSULTING(EnumSet.noneOf(ContractSubType.class)),
    /** 技术服务: general, training (技术培训) or brokerage (技术中介). */
    SERVICE(EnumSet.of(ContractSubType.GENERAL, ContractSubType.TRAINING, ContractSubType.BROKERAGE));

    private final Set<ContractSubType> subTypes;

    ContractType(Set<ContractSubType> subTypes) {
        this.subTypes = subTypes;
    }

    /** Whether {@code subType} belongs to this type; consulting takes none, every other type exactly one. */
    public boolean admits(ContractSubType subType) {
        return subType == null ? subTypes.isEmpty() : subTypes.contains(subType);
    }

    public Set<ContractSubType> subTypes() {
        return subTypes.isEmpty() ? Set.of() : EnumSet.copyOf(subTypes);
    }
}
