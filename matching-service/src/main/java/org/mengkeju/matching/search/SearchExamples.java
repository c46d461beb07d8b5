package org.mengkeju.matching.search;

/** Examples of the search API's documents, realistic and valid: the document conformance test sends them. */
final class SearchExamples {

    private SearchExamples() {
    }

    static final String RESULT = """
            {"items":[{"id":"ach-5d0a8c3e2b7f4a19","kind":"ACHIEVEMENT","title":"稀土抛光粉废料湿法回收氧化铈工艺",
              "highlightedTitle":"稀土<em>抛光</em>粉<em>废料</em>湿法<em>回收</em>氧化铈工艺",
              "snippet":"以盐酸优溶与草酸沉淀<em>回收</em><em>抛光</em>粉<em>废料</em>中的氧化铈，纯度99.95%，酸耗降低30%。",
              "industryChain":"RARE_EARTHS","regionCode":"150200","maturity":"PILOT",
              "transferModes":["LICENCE","ASSIGNMENT"],"priceYuan":1200000.00,"score":3.52}],
             "total":1,"totalExact":true,"next":null}""";
}
