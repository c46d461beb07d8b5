package org.mengkeju.matching.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Marks the words a search matched in a text, {@code <em>…</em>}, the way the index segmented them, and cuts a
 * snippet around the first match. The text around the marks is escaped for HTML, so a listing cannot inject markup.
 */
final class Snippets {

    private static final Analyzer ANALYZER = new SmartChineseAnalyzer();
    /** How much text a snippet shows before its first match. */
    private static final int LEAD = 20;

    private Snippets() {
    }

    /**
     * {@code text} with the matched words marked; at most about {@code maxChars} characters of it. Segments the text
     * again to find them: for an index that holds no offsets.
     */
    static String highlight(String text, Set<String> words, int maxChars) {
        return highlight(text, matches(text, words), maxChars);
    }

    /** Where the analysed words of {@code text} that are among {@code words} start and end, in order. */
    private static List<int[]> matches(String text, Set<String> words) {
        List<int[]> marks = new ArrayList<>();
        if (!words.isEmpty()) {
            try (TokenStream stream = ANALYZER.tokenStream("body", text)) {
                CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
                OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
                stream.reset();
                while (stream.incrementToken()) {
                    if (words.contains(term.toString())) {
                        marks.add(new int[] {offset.startOffset(), offset.endOffset()});
                    }
                }
                stream.end();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return marks;
    }

    /**
     * {@code text} with the given spans marked (start and end offsets, in order, as the index recorded them); at most
     * about {@code maxChars} characters of it, starting shortly before the first mark.
     */
    static String highlight(String text, List<int[]> marks, int maxChars) {
        int start = 0;
        if (text.length() > maxChars && !marks.isEmpty()) {
            start = Math.max(0, Math.min(marks.getFirst()[0] - LEAD, text.length() - maxChars));
        }
        int end = (int) Math.min(text.length(), (long) start + maxChars);
        // Never cut a character outside the basic plane (an emoji, a rare hanzi) in two.
        if (start > 0 && Character.isLowSurrogate(text.charAt(start))) {
            start--;
        }
        if (end < text.length() && Character.isLowSurrogate(text.charAt(end))) {
            end++;
        }
        StringBuilder out = new StringBuilder();
        if (start > 0) {
            out.append('…');
        }
        int at = start;
        for (int[] mark : marks) {
            if (mark[0] < at || mark[1] > end) {
                continue;
            }
            escape(text, at, mark[0], out);
            out.append("<em>");
            escape(text, mark[0], mark[1], out);
            out.append("</em>");
            at = mark[1];
        }
        escape(text, at, end, out);
        if (end < text.length()) {
            out.append('…');
        }
        return out.toString();
    }

    private static void escape(String text, int from, int to, StringBuilder out) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
    }
}
