package org.mengkeju.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryEncodingFilterTest {

    @Test
    void wellEncodedQueriesPass() {
        assertThat(QueryEncodingFilter.isWellEncoded("cursor=abc&limit=20")).isTrue();
        assertThat(QueryEncodingFilter.isWellEncoded("q=%E7%A8%80%E5%9C%9F+x&empty=&flag")).isTrue();
    }

    @Test
    void brokenPercentEncodingOrInvalidUtf8IsRefused() {
        assertThat(QueryEncodingFilter.isWellEncoded("cursor=%ZZ")).isFalse();
        assertThat(QueryEncodingFilter.isWellEncoded("cursor=%4")).isFalse();
        assertThat(QueryEncodingFilter.isWellEncoded("cursor=%")).isFalse();
        assertThat(QueryEncodingFilter.isWellEncoded("q=%C3%28")).isFalse();
        assertThat(QueryEncodingFilter.isWellEncoded("q=%ED%A0%80")).isFalse();
    }

    @Test
    void controlCharactersHiddenInTheEncodingAreRefused() {
        assertThat(QueryEncodingFilter.isWellEncoded("cursor=a%00b")).isFalse();
        assertThat(QueryEncodingFilter.isWellEncoded("q=%0d%0aX-Injected:%201")).isFalse();
        assertThat(QueryEncodingFilter.isWellEncoded("q=line%09tab")).isTrue();
    }
}
