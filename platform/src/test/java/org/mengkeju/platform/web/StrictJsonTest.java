package org.mengkeju.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.mock.http.MockHttpInputMessage;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

class StrictJsonTest {

    enum Chain { DAIRY, RARE_EARTHS }

    record Body(String title, BigDecimal price, Integer count, Boolean open, Chain chain, Set<Chain> chains,
            List<String> tags) {
    }

    JsonMapper json = StrictJson.apply(JsonMapper.builder()).build();

    @Test
    void wellTypedJsonIsRead() {
        Body body = json.readValue("""
                {"title":"稀土\\t永磁","price":5.00,"count":3,"open":true,"chain":"DAIRY","chains":["RARE_EARTHS"],
                 "tags":["a"]}""", Body.class);

        assertThat(body.title()).isEqualTo("稀土\t永磁");
        assertThat(body.price()).isEqualByComparingTo("5");
    }

    @Test
    void scalarsAreNotCoercedIntoText() {
        for (String value : List.of("12345", "true", "1.5")) {
            assertThat(describe("{\"title\":" + value + "}")).startsWith("field 'title'").contains("a string");
        }
    }

    @Test
    void textIsNotCoercedIntoNumbersOrBooleans() {
        assertThat(describe("{\"price\":\"100\"}")).contains("'price'").contains("number");
        assertThat(describe("{\"count\":\"7\"}")).contains("'count'").contains("number");
        assertThat(describe("{\"count\":1.5}")).contains("'count'");
        assertThat(describe("{\"open\":\"true\"}")).contains("'open'").contains("boolean");
        assertThat(describe("{\"open\":1}")).contains("'open'");
    }

    @Test
    void aNumberOutOfRangeNamesTheField() {
        assertThat(describe("{\"count\":99999999999999999999}")).contains("'count'");
    }

    @Test
    void enumsAreNotReadByOrdinal() {
        assertThat(describe("{\"chain\":1}")).contains("'chain'").contains("DAIRY");
        assertThat(describe("{\"chains\":[0]}")).contains("chains");
    }

    @Test
    void duplicateKeysAreRefusedNamingTheKey() {
        assertThat(describe("{\"title\":\"a\",\"title\":\"b\"}")).contains("duplicate field 'title'");
    }

    @Test
    void controlCharactersAndLoneSurrogatesAreRefusedWherEverTextIsRead() {
        assertThat(describe("{\"title\":\"a\\u0000b\"}")).contains("field 'title' contains the control character U+0000");
        assertThat(describe("{\"tags\":[\"ok\",\"\\ud800\"]}")).contains("field 'tags[1]'").contains("U+D800");
    }

    @Test
    void aNullInACollectionIsReportedAsANullNotAsAWrongShape() {
        assertThat(describe("{\"chains\":[null]}")).contains("chains").contains("null").doesNotContain("object");
    }

    @Test
    void trailingContentIsRefused() {
        assertThatThrownBy(() -> json.readValue("{\"title\":\"a\"} {}", Body.class))
                .isInstanceOf(JacksonException.class);
    }

    /** What a client is told, through the same converter path a service uses. */
    private String describe(String body) {
        var converter = new org.springframework.http.converter.json.JacksonJsonHttpMessageConverter(json);
        try {
            converter.read(Body.class, new MockHttpInputMessage(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (HttpMessageNotReadableException e) {
            return ProblemDetailsAdvice.describeUnreadable(e);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        throw new AssertionError("accepted: " + body);
    }
}
