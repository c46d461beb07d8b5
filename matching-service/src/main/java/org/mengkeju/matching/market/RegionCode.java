package org.mengkeju.matching.market;

import java.util.Map;

/**
 * A six-digit administrative division code (行政区划代码) of where an enterprise is. Inside Inner Mongolia (15xxxx) it
 * must be the region itself or one of its twelve league-cities (盟市); a code elsewhere in China is checked for shape.
 */
public record RegionCode(String value) {

    static final Map<String, String> INNER_MONGOLIA = Map.ofEntries(
            Map.entry("150000", "内蒙古自治区"),
            Map.entry("150100", "呼和浩特市"),
            Map.entry("150200", "包头市"),
            Map.entry("150300", "乌海市"),
            Map.entry("150400", "赤峰市"),
            Map.entry("150500", "通辽市"),
            Map.entry("150600", "鄂尔多斯市"),
            Map.entry("150700", "呼伦贝尔市"),
            Map.entry("150800", "巴彦淖尔市"),
            Map.entry("150900", "乌兰察布市"),
            Map.entry("152200", "兴安盟"),
            Map.entry("152500", "锡林郭勒盟"),
            Map.entry("152900", "阿拉善盟"));

    public RegionCode {
        if (value == null || !value.matches("[1-8][0-9]{5}")) {
            throw new IllegalArgumentException("a region code is a six-digit administrative division code, e.g. 150200");
        }
        if (value.startsWith("15") && !INNER_MONGOLIA.containsKey(value)) {
            throw new IllegalArgumentException(value + " is not Inner Mongolia (150000) or one of its league-cities "
                    + "(150100 … 150900, 152200, 152500, 152900)");
        }
    }

    /** Whether {@code value} is a code this type accepts. */
    public static boolean isValid(String value) {
        try {
            new RegionCode(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The league-city's name, e.g. 包头市, or the code itself outside Inner Mongolia. */
    public String label() {
        return INNER_MONGOLIA.getOrDefault(value, value);
    }
}
