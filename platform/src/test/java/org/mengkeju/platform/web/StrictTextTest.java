package org.mengkeju.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StrictTextTest {

    @Test
    void ordinaryTextTabsNewlinesAndCharactersBeyondTheBmpAreAccepted() {
        assertThat(StrictText.violation("玉米皮菌体蛋白\tline\nnext 𠀀 😀")).isNull();
    }

    @Test
    void controlCharactersOtherThanTabAndNewlineAreRefused() {
        assertThat(StrictText.violation("a\u0000b")).contains("U+0000").contains("position 1");
        assertThat(StrictText.violation("\u001b[31m")).contains("U+001B");
        assertThat(StrictText.violation("carriage\r")).contains("U+000D");
        assertThat(StrictText.violation("del\u007f")).contains("U+007F");
        assertThat(StrictText.violation("c1\u0085")).contains("U+0085");
    }

    @Test
    void unpairedSurrogatesAreRefused() {
        assertThat(StrictText.violation("\ud800")).contains("unpaired surrogate U+D800");
        assertThat(StrictText.violation("x\udc00y")).contains("U+DC00");
        assertThat(StrictText.violation("\ud800x")).contains("U+D800");
    }
}
