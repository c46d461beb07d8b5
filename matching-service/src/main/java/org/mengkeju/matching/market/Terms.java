package org.mengkeju.matching.market;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Predicate;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The words of a text that say what it is about: Chinese segmented by Lucene's SmartChinese analyzer, English
 * lower-cased and stemmed, without punctuation, single Chinese characters, English words of one or two letters,
 * numbers and the words every demand and every
 * listing use (技术, 提高, 希望 …), which would make everything look alike.
 */
public final class Terms {

    private static final Analyzer ANALYZER = new SmartChineseAnalyzer();
    /** Words too common in this market to tell one problem from another. */
    private static final Set<String> COMMON = Set.of(
            "技术", "研究", "研发", "开发", "应用", "方法", "一种", "系统", "问题", "企业", "产品", "进行", "实现", "提高",
            "降低", "希望", "需要", "要求", "我们", "以上", "以下", "每年", "目前", "通过", "具有", "可以", "能够", "解决",
            "相关", "项目", "成果", "需求", "提供", "采用", "利用", "基于", "其中", "达到", "产生", "以及", "主要", "包括",
            "and", "the", "for", "with");

    private Terms() {
    }

    /** The distinct terms of {@code texts}, in the order they first appear; null texts are skipped. */
    public static Set<String> of(String... texts) {
        return words(Terms::telling, texts);
    }

    /**
     * The distinct words of {@code texts} a search should look for, in the order they first appear: every word of the
     * segmentation but numbers, punctuation and the market's common words. Unlike {@link #of} it keeps single
     * characters, which in this market are often the point (镝, 铽, 氢, 膜): ranking by BM25 weighs them by rarity, a
     * list of shared words could not.
     */
    public static Set<String> searchWords(String... texts) {
        return words(word -> !COMMON.contains(word) && word.codePoints().anyMatch(Character::isLetter), texts);
    }

    private static Set<String> words(Predicate<String> kept, String... texts) {
        Set<String> words = new LinkedHashSet<>();
        for (String text : texts) {
            if (text == null || text.isBlank()) {
                continue;
            }
            try (TokenStream stream = ANALYZER.tokenStream("text", text)) {
                CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
                stream.reset();
                while (stream.incrementToken()) {
                    String word = term.toString();
                    if (kept.test(word)) {
                        words.add(word);
                    }
                }
                stream.end();
            } catch (IOException e) {
                // Reading a String does not fail; an analyzer that does is a bug, not bad input.
                throw new UncheckedIOException(e);
            }
        }
        return words;
    }

    private static boolean telling(String word) {
        boolean latin = word.chars().allMatch(c -> c < 0x80);
        return word.codePointCount(0, word.length()) >= (latin ? 3 : 2) && !COMMON.contains(word)
                && !word.chars().allMatch(c -> Character.isDigit(c) || c == '.' || c == '%');
    }
}
