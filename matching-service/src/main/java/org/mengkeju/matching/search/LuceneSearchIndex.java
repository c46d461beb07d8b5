package org.mengkeju.matching.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.Weight;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The search index in Lucene on this node's disk: Chinese segmented by the SmartChinese analyzer, filters as exact
 * terms and a point range on the price in fen. The newest version of each item wins; the versions held are kept in
 * memory (loaded when the index opens) so that a stale put is refused without a search.
 */
public class LuceneSearchIndex implements SearchIndex {

    private static final Logger log = LoggerFactory.getLogger(LuceneSearchIndex.class);

    /** A query's words beyond this many add little and cost much; a longer text is cut. */
    static final int MAX_QUERY_TERMS = 32;
    /**
     * A demand's problem runs to a few hundred characters, some 50 to 80 words: matching looks for all of them
     * (a cut at 32 dropped the second half of most problems), and no more than this many.
     */
    static final int MAX_CANDIDATE_TERMS = 96;
    static final int SNIPPET_CHARS = 120;
    /** What sharing the demand's chain adds to a candidate's rank, about one well-matched rare word. */
    static final float CHAIN_BOOST = 3f;

    private static final String ID = "id";
    private static final String VERSION = "version";
    private static final String VISIBLE = "visible";
    private static final String KIND = "kind";
    private static final String TITLE = "title";
    private static final String BODY = "body";
    private static final String CHAIN = "chain";
    private static final String REGION = "region";
    private static final String MATURITY = "maturity";
    private static final String MODE = "mode";
    private static final String PRICE_FEN = "priceFen";
    private static final String PRICE = "price";
    /**
     * The layout of the documents; an index on disk of another layout is dropped when opened and filled again by the
     * catch-up from the service's own copies. 2: titles and bodies hold their words' offsets, which highlighting reads.
     */
    static final String LAYOUT = "2";
    private static final String LAYOUT_KEY = "layout";
    /** Title and body: analysed, stored, and with each word's place in the text, so that hits are marked from it. */
    private static final FieldType TEXT = textWithOffsets();
    private static final Sort RANKING = new Sort(SortField.FIELD_SCORE, new SortField(ID, SortField.Type.STRING));

    private final Analyzer analyzer = new SmartChineseAnalyzer();
    private final FSDirectory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Map<String, Long> versions = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    /** Written since the searchers' reader was opened. */
    private final AtomicBoolean stale = new AtomicBoolean();

    public LuceneSearchIndex(Path path) {
        try {
            directory = FSDirectory.open(path);
            boolean sameLayout = !DirectoryReader.indexExists(directory)
                    || LAYOUT.equals(SegmentInfos.readLatestCommit(directory).getUserData().get(LAYOUT_KEY));
            writer = new IndexWriter(directory, new IndexWriterConfig(analyzer).setOpenMode(sameLayout
                    ? IndexWriterConfig.OpenMode.CREATE_OR_APPEND : IndexWriterConfig.OpenMode.CREATE));
            writer.setLiveCommitData(Map.of(LAYOUT_KEY, LAYOUT).entrySet());
            if (!sameLayout) {
                log.info("search index at {} was written in an older layout: emptied, the catch-up fills it again",
                        path);
                writer.commit();
            }
            searchers = new SearcherManager(writer, null);
            loadVersions();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the search index at " + path, e);
        }
    }

    @Override
    public boolean put(Searchable item) {
        return write(item);
    }

    @Override
    public int putAll(List<Searchable> items) {
        int kept = 0;
        for (Searchable item : items) {
            if (write(item)) {
                kept++;
            }
        }
        return kept;
    }

    private boolean write(Searchable item) {
        // One writer of an id at a time, so that two versions racing cannot leave the older one in the index.
        synchronized (lockOf(item.id())) {
            Long held = versions.get(item.id());
            if (held != null && held >= item.version()) {
                return false;
            }
            try {
                writer.updateDocument(new Term(ID, item.id()), document(item));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot index " + item.id(), e);
            }
            versions.put(item.id(), item.version());
            // After the write: a search that finds the flag set opens a reader that holds this write.
            stale.set(true);
            return true;
        }
    }

    private Object lockOf(String id) {
        return locks.computeIfAbsent(id, k -> new Object());
    }

    @Override
    public Optional<Long> versionOf(String id) {
        return Optional.ofNullable(versions.get(id));
    }

    @Override
    public Page search(SearchQuery query) {
        Set<String> words = words(query.text());
        if (query.text() != null && !query.text().isBlank() && words.isEmpty()) {
            // Only punctuation, symbols or emoji: nothing that can be found.
            return new Page(List.of(), 0, true);
        }
        Query lucene = query(query, words);
        IndexSearcher searcher;
        try {
            refreshIfStale();
            searcher = searchers.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            int wanted = query.offset() + query.limit();
            // One pass ranks the page and counts the hits exactly up to a bound; past it the collector may skip
            // hits that cannot reach the page (their best possible score is below the page's last).
            TopFieldDocs top = searcher.search(lucene, new TopFieldCollectorManager(RANKING, Math.max(1, wanted), null,
                    TOTAL_HITS_COUNTED));
            boolean exact = top.totalHits.relation() == TotalHits.Relation.EQUAL_TO;
            long total = exact ? top.totalHits.value() : TOTAL_HITS_COUNTED;
            StoredFields stored = searcher.storedFields();
            List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
            List<SearchHit> hits = new ArrayList<>();
            ScoreDoc[] docs = top.scoreDocs;
            for (int i = query.offset(); i < docs.length && i < wanted; i++) {
                // The ranking's first sort key is the score; the collector keeps it there, not in ScoreDoc.score.
                float score = (Float) ((org.apache.lucene.search.FieldDoc) docs[i]).fields[0];
                LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(docs[i].doc, leaves));
                int local = docs[i].doc - leaf.docBase;
                Document doc = stored.document(docs[i].doc);
                String title = doc.get(TITLE);
                String body = doc.get(BODY);
                // Only the page's hits are marked, from the offsets the index keeps; no text is segmented again.
                String markedTitle = highlight(leaf.reader(), TITLE, local, title, words, Integer.MAX_VALUE);
                String snippet = body == null ? null
                        : highlight(leaf.reader(), BODY, local, body, words, SNIPPET_CHARS);
                hits.add(hit(doc, score, markedTitle, snippet));
            }
            return new Page(hits, total, exact);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                searchers.release(searcher);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public List<Candidate> candidates(Searchable.Kind kind, String industryChain, java.util.Collection<String> words,
            int limit) {
        BooleanQuery.Builder fits = new BooleanQuery.Builder();
        Query chain = industryChain == null ? null : new TermQuery(new Term(CHAIN, industryChain));
        if (chain != null) {
            // A constant, so that what is left of a hit's score is its text's alone.
            fits.add(new BoostQuery(new ConstantScoreQuery(chain), CHAIN_BOOST), Occur.SHOULD);
        }
        words.stream().limit(MAX_CANDIDATE_TERMS).forEach(word -> {
            fits.add(new TermQuery(new Term(TITLE, word)), Occur.SHOULD);
            fits.add(new TermQuery(new Term(BODY, word)), Occur.SHOULD);
        });
        BooleanQuery query = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(VISIBLE, "true")), Occur.FILTER)
                .add(new TermQuery(new Term(KIND, kind.name())), Occur.FILTER)
                .add(fits.setMinimumNumberShouldMatch(1).build(), Occur.MUST)
                .build();
        IndexSearcher searcher;
        try {
            refreshIfStale();
            searcher = searchers.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            TopFieldDocs top = searcher.search(query, limit, RANKING, false);
            Set<Integer> ofChain = chain == null ? Set.of() : matching(searcher, chain, top.scoreDocs);
            // The sort's keys are the score and the id: read both from the hit instead of loading stored fields.
            List<Candidate> candidates = new ArrayList<>(top.scoreDocs.length);
            for (ScoreDoc doc : top.scoreDocs) {
                Object[] keys = ((org.apache.lucene.search.FieldDoc) doc).fields;
                float score = (Float) keys[0];
                float text = ofChain.contains(doc.doc) ? score - CHAIN_BOOST : score;
                candidates.add(new Candidate(((BytesRef) keys[1]).utf8ToString(), Math.max(0f, text)));
            }
            return candidates;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                searchers.release(searcher);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Which of {@code hits} {@code query} matches, walking its postings only as far as the hits go. */
    private static Set<Integer> matching(IndexSearcher searcher, Query query, ScoreDoc[] hits) throws IOException {
        int[] docs = java.util.Arrays.stream(hits).mapToInt(hit -> hit.doc).sorted().toArray();
        Weight weight = searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1f);
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        Set<Integer> matched = new java.util.HashSet<>();
        int leafIndex = -1;
        DocIdSetIterator postings = null;
        for (int doc : docs) {
            int at = ReaderUtil.subIndex(doc, leaves);
            LeafReaderContext leaf = leaves.get(at);
            if (at != leafIndex) {
                leafIndex = at;
                Scorer scorer = weight.scorer(leaf);
                postings = scorer == null ? null : scorer.iterator();
            }
            int local = doc - leaf.docBase;
            if (postings != null && postings.docID() < local) {
                postings.advance(local);
            }
            if (postings != null && postings.docID() == local) {
                matched.add(doc);
            }
        }
        return matched;
    }

    @Override
    public void commit() {
        try {
            if (writer.hasUncommittedChanges()) {
                writer.commit();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot commit the search index", e);
        }
    }

    @Override
    public void close() {
        try {
            commit();
            searchers.close();
            writer.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the search index", e);
        }
    }

    /** The distinct analysed words of a query text, at most {@link #MAX_QUERY_TERMS}. */
    Set<String> words(String text) {
        Set<String> words = new LinkedHashSet<>();
        if (text == null || text.isBlank()) {
            return words;
        }
        try (TokenStream stream = analyzer.tokenStream(BODY, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken() && words.size() < MAX_QUERY_TERMS) {
                words.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return words;
    }

    private static Query query(SearchQuery query, Set<String> words) {
        BooleanQuery.Builder builder = new BooleanQuery.Builder();
        builder.add(new TermQuery(new Term(VISIBLE, "true")), Occur.FILTER);
        if (words.isEmpty()) {
            builder.add(new MatchAllDocsQuery(), Occur.MUST);
        } else {
            BooleanQuery.Builder text = new BooleanQuery.Builder();
            for (String word : words) {
                text.add(new BoostQuery(new TermQuery(new Term(TITLE, word)), 2f), Occur.SHOULD);
                text.add(new TermQuery(new Term(BODY, word)), Occur.SHOULD);
            }
            builder.add(text.build(), Occur.MUST);
        }
        filter(builder, KIND, query.kind() == null ? null : query.kind().name());
        filter(builder, CHAIN, query.industryChain());
        filter(builder, REGION, query.regionCode());
        filter(builder, MATURITY, query.maturity());
        filter(builder, MODE, query.transferMode());
        if (query.minPriceYuan() != null || query.maxPriceYuan() != null) {
            long min = query.minPriceYuan() == null ? Long.MIN_VALUE : fen(query.minPriceYuan(), RoundingMode.CEILING);
            long max = query.maxPriceYuan() == null ? Long.MAX_VALUE : fen(query.maxPriceYuan(), RoundingMode.FLOOR);
            builder.add(LongPoint.newRangeQuery(PRICE_FEN, min, max), Occur.FILTER);
        }
        return builder.build();
    }

    private static void filter(BooleanQuery.Builder builder, String field, String value) {
        if (value != null) {
            builder.add(new TermQuery(new Term(field, value)), Occur.FILTER);
        }
    }

    private static long fen(BigDecimal yuan, RoundingMode rounding) {
        return yuan.setScale(2, rounding).movePointRight(2).longValueExact();
    }

    private static Document document(Searchable item) {
        Document doc = new Document();
        doc.add(new StringField(ID, item.id(), Field.Store.YES));
        doc.add(new SortedDocValuesField(ID, new BytesRef(item.id())));
        doc.add(new NumericDocValuesField(VERSION, item.version()));
        doc.add(new StringField(VISIBLE, Boolean.toString(item.visible()), Field.Store.NO));
        doc.add(new StringField(KIND, item.kind().name(), Field.Store.YES));
        doc.add(new Field(TITLE, item.title(), TEXT));
        if (item.body() != null) {
            doc.add(new Field(BODY, item.body(), TEXT));
        }
        keyword(doc, CHAIN, item.industryChain());
        keyword(doc, REGION, item.regionCode());
        keyword(doc, MATURITY, item.maturity());
        for (String mode : item.transferModes()) {
            keyword(doc, MODE, mode);
        }
        if (item.priceYuan() != null) {
            doc.add(new LongPoint(PRICE_FEN, fen(item.priceYuan(), RoundingMode.HALF_UP)));
            doc.add(new StoredField(PRICE, item.priceYuan().toPlainString()));
        }
        return doc;
    }

    private static void keyword(Document doc, String field, String value) {
        if (value != null) {
            doc.add(new StringField(field, value, Field.Store.YES));
        }
    }

    private static SearchHit hit(Document doc, float score, String markedTitle, String snippet) {
        String price = doc.get(PRICE);
        Set<String> modes = new LinkedHashSet<>(List.of(doc.getValues(MODE)));
        return new SearchHit(doc.get(ID), Searchable.Kind.valueOf(doc.get(KIND)), doc.get(TITLE), markedTitle, snippet,
                doc.get(CHAIN), doc.get(REGION), doc.get(MATURITY), modes, price == null ? null : new BigDecimal(price),
                score);
    }

    /**
     * {@code text} of one hit with the query's words marked where the index found them: each word's postings are
     * read at this one document for their offsets. Segmenting the text again costs far more (the segmenter walks
     * a word lattice per sentence); a segment written without offsets is segmented again all the same.
     */
    private static String highlight(LeafReader leaf, String field, int doc, String text, Set<String> words,
            int maxChars) throws IOException {
        Terms terms = leaf.terms(field);
        if (words.isEmpty() || terms == null) {
            return Snippets.highlight(text, List.of(), maxChars);
        }
        if (!terms.hasOffsets()) {
            return Snippets.highlight(text, words, maxChars);
        }
        TermsEnum found = terms.iterator();
        PostingsEnum postings = null;
        List<int[]> marks = new ArrayList<>();
        for (String word : words) {
            if (!found.seekExact(new BytesRef(word))) {
                continue;
            }
            postings = found.postings(postings, PostingsEnum.OFFSETS);
            if (postings.advance(doc) != doc) {
                continue;
            }
            for (int n = postings.freq(); n > 0; n--) {
                postings.nextPosition();
                marks.add(new int[] {postings.startOffset(), postings.endOffset()});
            }
        }
        marks.sort(java.util.Comparator.comparingInt(mark -> mark[0]));
        return Snippets.highlight(text, marks, maxChars);
    }

    private static FieldType textWithOffsets() {
        FieldType type = new FieldType(TextField.TYPE_STORED);
        type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        type.freeze();
        return type;
    }

    /**
     * Opens a new reader when something was written since the last one: on the first search after writes, not after
     * every write (a reopen per listing was a fifth of the service's work while a sub-center's upload streamed in).
     */
    private void refreshIfStale() {
        if (!stale.getAndSet(false)) {
            return;
        }
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot refresh the search index", e);
        }
    }

    private void loadVersions() throws IOException {
        try (DirectoryReader reader = DirectoryReader.open(writer)) {
            for (LeafReaderContext context : reader.leaves()) {
                LeafReader leaf = context.reader();
                Bits live = leaf.getLiveDocs();
                NumericDocValues version = leaf.getNumericDocValues(VERSION);
                SortedDocValues id = leaf.getSortedDocValues(ID);
                if (version == null || id == null) {
                    continue;
                }
                for (int doc = 0; doc < leaf.maxDoc(); doc++) {
                    if ((live == null || live.get(doc)) && version.advanceExact(doc) && id.advanceExact(doc)) {
                        versions.put(id.lookupOrd(id.ordValue()).utf8ToString(), version.longValue());
                    }
                }
            }
        }
    }
}
