package org.mengkeju.catalog.achievement;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.mengkeju.platform.web.StrictText;

/**
 * What the owner says about a result: everything of a listing its owner may write and later revise. The compact
 * constructor holds the rules a field annotation cannot express (the TRL fits the maturity, patent check characters,
 * https attachments, clean text), so no listing breaking them can exist, whichever way it came in.
 *
 * @param technologyField the technical field (技术领域) in the owner's words, e.g. "生物发酵"; null when not given
 * @param keywords        distinct, in the owner's order
 * @param technologyReadinessLevel TRL 1 to 9; null when not assessed
 */
public record AchievementDetails(
        String title,
        String summary,
        String technologyField,
        IndustryChain industryChain,
        List<String> keywords,
        Maturity maturity,
        Integer technologyReadinessLevel,
        List<IpItem> ipItems,
        List<Inventor> inventors,
        Set<TransferMode> transferModes,
        Price price,
        List<Attachment> attachments) {

    public AchievementDetails {
        title = text("title", title);
        if (title == null) {
            throw new InvalidListing("title", "is required");
        }
        summary = text("summary", summary);
        technologyField = text("technologyField", technologyField);
        if (industryChain == null) {
            throw new InvalidListing("industryChain", "is required");
        }
        if (maturity == null) {
            throw new InvalidListing("maturity", "is required");
        }
        if (technologyReadinessLevel != null && !maturity.admits(technologyReadinessLevel)) {
            throw new InvalidListing("technologyReadinessLevel", "TRL " + technologyReadinessLevel + " does not fit "
                    + maturity + ", which covers TRL " + maturity.lowestTrl() + " to " + maturity.highestTrl());
        }
        keywords = keywords(keywords);
        ipItems = checkedIpItems(ipItems);
        inventors = checkedInventors(inventors);
        if (transferModes == null || transferModes.isEmpty()) {
            throw new InvalidListing("transferModes", "at least one transfer mode is required");
        }
        // in the enum's order, so a listing reads and serialises the same each time
        transferModes = java.util.Collections.unmodifiableSet(EnumSet.copyOf(transferModes));
        price = price == null ? Price.negotiable() : price;
        attachments = checkedAttachments(attachments);
    }

    /** The names of the fields whose values differ from {@code before}, in declaration order. */
    List<String> changedFrom(AchievementDetails before) {
        List<String> changed = new ArrayList<>();
        var mine = AchievementDetails.class.getRecordComponents();
        for (var component : mine) {
            try {
                Object now = component.getAccessor().invoke(this);
                Object then = component.getAccessor().invoke(before);
                if (!java.util.Objects.equals(now, then) && !sameAmount(now, then)) {
                    changed.add(component.getName());
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return changed;
    }

    /** {@code 1500000} and {@code 1500000.00} are one price. */
    private static boolean sameAmount(Object now, Object then) {
        if (now instanceof Price a && then instanceof Price b) {
            return a.kind() == b.kind() && sameYuan(a.amountYuan(), b.amountYuan())
                    && sameYuan(a.minYuan(), b.minYuan()) && sameYuan(a.maxYuan(), b.maxYuan());
        }
        return false;
    }

    private static boolean sameYuan(java.math.BigDecimal a, java.math.BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    private static String text(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String violation = StrictText.violation(value);
        if (violation != null) {
            throw new InvalidListing(field, violation);
        }
        return value.strip();
    }

    private static List<String> keywords(List<String> keywords) {
        if (keywords == null) {
            return List.of();
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (int i = 0; i < keywords.size(); i++) {
            String keyword = text("keywords[" + i + "]", keywords.get(i));
            if (keyword == null) {
                throw new InvalidListing("keywords[" + i + "]", "must not be blank");
            }
            distinct.add(keyword);
        }
        return List.copyOf(distinct);
    }

    private static List<IpItem> checkedIpItems(List<IpItem> items) {
        if (items == null) {
            return List.of();
        }
        List<IpItem> checked = new ArrayList<>(items.size());
        Set<String> numbers = new java.util.HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) == null) {
                throw new InvalidListing("ipItems[" + i + "]", "must not be null");
            }
            IpItem item = items.get(i).checked(i);
            if (!numbers.add(item.number())) {
                throw new InvalidListing("ipItems[" + i + "].number", item.number() + " is listed twice");
            }
            checked.add(item);
        }
        return List.copyOf(checked);
    }

    private static List<Inventor> checkedInventors(List<Inventor> inventors) {
        if (inventors == null) {
            return List.of();
        }
        List<Inventor> checked = new ArrayList<>(inventors.size());
        for (int i = 0; i < inventors.size(); i++) {
            Inventor inventor = inventors.get(i);
            String name = inventor == null ? null : text("inventors[" + i + "].name", inventor.name());
            if (name == null) {
                throw new InvalidListing("inventors[" + i + "].name", "is required");
            }
            checked.add(new Inventor(name, text("inventors[" + i + "].affiliation", inventor.affiliation())));
        }
        return List.copyOf(checked);
    }

    private static List<Attachment> checkedAttachments(List<Attachment> attachments) {
        if (attachments == null) {
            return List.of();
        }
        List<Attachment> checked = new ArrayList<>(attachments.size());
        for (int i = 0; i < attachments.size(); i++) {
            if (attachments.get(i) == null) {
                throw new InvalidListing("attachments[" + i + "]", "must not be null");
            }
            checked.add(attachments.get(i).checked(i));
        }
        return List.copyOf(checked);
    }
}
