package org.mengkeju.catalog.institution;

import java.util.Map;

/**
 * A six-digit administrative division code (行政区划代码) naming where an institution is registered. Inside Inner
 * Mongolia (15xxxx) it must be the region itself or one of its twelve league-cities (盟市), the level sub-centers
 * and registration points work at; an institution elsewhere in China keeps its own code, checked for shape only.
 */
public record RegionCode(String value) {

    /** Inner Mongolia and its league-cities. */
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
            throw new IllegalArgumentException("a region code is a six-digit administrative division code, e.g. 150100");
        }
        if (value.startsWith("15") && !INNER_MONGOLIA.containsKey(value)) {
            throw new IllegalArgumentException(value + " is not Inner Mongolia (150000) or one of its league-cities "
                    + "(150100 … 150900, 152200, 152500, 152900)");
        }
    }

    public boolean inInnerMongolia() {
        return value.startsWith("15");
    }
}
