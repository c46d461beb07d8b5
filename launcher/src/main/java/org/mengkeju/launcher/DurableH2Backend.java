package org.mengkeju.launcher;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerException;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreTool;
import org.mengkeju.devstore.IndexedH2Backend;
import org.mengkeju.devstore.IndexedH2Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The H2 MVStore backend, committing the store after every command that changes data and before the reply goes out,
 * so an acknowledged write survives the launcher being killed (kill -9); writes of several connections that arrive
 * together share one commit (see {@link #awaitCommit}). The plain {@link H2Backend} never commits by
 * itself; the MVStore's background writer commits about once a second, and a kill loses whatever came after.
 *
 * <p>Every client command reaches the backend through {@link #handleCommand}: OP_MSG (what the drivers send) goes
 * {@code handleMessage -> handleCommand}, and a legacy OP_QUERY on {@code <db>.$cmd} goes there too; a legacy OP_QUERY
 * on a collection only reads. Reads commit nothing.
 *
 * <p>A commit writes the changed pages to the file (into the operating system's cache) without an fsync: that is what
 * survives a killed process. A power cut can still lose the last writes, as it may for any development store.
 *
 * <p>Each commit writes a new chunk of pages, and the MVStore reuses the space of old chunks only after its retention
 * time (45 s, which guards the file against an operating system crash), so a burst of writes grows the file with
 * empty space (measured: 25-40 KB per write at full speed, reusable once older than 45 s). A clean close compacts
 * it (measured: 160 MB after a burst of 4000 writes back to 4 MB in 0.2 s).
 *
 * <p>Non-unique indexes are {@link IndexedH2Database dev-store's}, kept in memory and rebuilt from the documents when
 * the store opens; the library alone would ignore them and scan the collection for every such filter, and would read
 * and sort every candidate of a sorted query with a limit.
 */
class DurableH2Backend extends IndexedH2Backend {

    /** Commands that change data, lower case (command names arrive in the client's spelling). */
    private static final Set<String> WRITE_COMMANDS = Set.of(
            "insert", "update", "delete", "findandmodify",
            "create", "drop", "dropdatabase", "renamecollection",
            "createindexes", "dropindexes", "deleteindexes",
            "fsync");

    private static final Logger LOG = LoggerFactory.getLogger(DurableH2Backend.class);

    /** Held by a write and by a commit: no document changes while a commit encodes it (see {@link #handleCommand}). */
    private final ReentrantLock storeLock = new ReentrantLock();
    private final Condition commitDone = storeLock.newCondition();
    /** Writes applied to the store, and how many of them a finished commit covers (both guarded by the lock). */
    private long applied;
    private long committed;
    /** The writes of the last commit that failed, and why; their clients get an error, not an acknowledgement. */
    private long failedFrom;
    private long failedTo;
    private RuntimeException failure;

    /**
     * Pages split at 4 KB instead of H2's 16 KB: a commit rewrites every page a write touched, each with all the
     * documents on it, so on smaller pages a commit after one changed listing encodes one or two documents instead of
     * half a dozen.
     */
    static final int PAGE_SPLIT_SIZE = 4 * 1024;

    /** How long a write lets the writes queued behind it in before it commits for them all, at most. */
    static final Duration GROUP_WAIT = Duration.ofMillis(2);

    /**
     * On the file, without the MVStore's background writer: every write is committed here before its reply, so the
     * writer only added a committer. See {@link #handleCommand} for why there is only ever one.
     */
    DurableH2Backend(String fileName) {
        super(new MVStore.Builder().fileName(fileName).pageSplitSize(PAGE_SPLIT_SIZE).autoCommitDisabled().open());
    }

    /** On an MVStore the caller opened (the tests open one without the background writer). */
    DurableH2Backend(MVStore store) {
        super(store);
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        if (!changesData(command, query)) {
            return super.handleCommand(channel, databaseName, command, query);
        }
        // One write or one commit at a time: the library changed a stored document in place while it updated it, so
        // a commit serializing that document on another thread met it half-changed (a ConcurrentModificationException
        // that panicked the store under a sub-center's uploads). H2 2.4 then hung: an overlapping commit spun in
        // FileStore.saveChunkMetadataChanges waiting for the failed commit's chunk, and the store never answered again.
        // dev-store's updates now store a new document instead; the lock still keeps a commit to the writes before it.
        storeLock.lock();
        try {
            Document reply;
            try {
                reply = super.handleCommand(channel, databaseName, command, query);
            } catch (RuntimeException | Error e) {
                // a write that failed half-way (one document of a batch, say) may still have changed something
                try {
                    awaitCommit(++applied);
                } catch (RuntimeException commitFailure) {
                    e.addSuppressed(commitFailure);
                }
                throw e;
            }
            awaitCommit(++applied);
            return reply;
        } finally {
            storeLock.unlock();
        }
    }

    /**
     * Returns once a commit covers write number {@code write}: the reply goes out only then. Group commit: while
     * another write waits for the lock, this one lets it in first, and whichever write finds nobody waiting commits
     * for all of them, so a commit (which re-encodes every page the writes touched) is shared by the writes of
     * several connections at once instead of following each one.
     */
    private void awaitCommit(long write) {
        while (committed < write) {
            if (storeLock.hasQueuedThreads()) {
                try {
                    commitDone.await(GROUP_WAIT.toNanos(), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new MongoServerException("interrupted before the write was committed; it may not be kept");
                }
            } else {
                commitApplied();
            }
        }
        if (failure != null && write >= failedFrom && write <= failedTo) {
            // A failed commit fails the command: the client gets an error rather than an acknowledgement of a write
            // that would not survive a crash. So does a store closed between the write and its commit (it crashed
            // meanwhile): acknowledging then would tell the client a write is kept that the file never got. A client
            // that believed it (a transfer's state step, say) would repeat steps that already took effect once the
            // store is back.
            throw new MongoServerException(failure instanceof MongoServerException
                    ? failure.getMessage() : "the write was not committed; it may not be kept: " + failure);
        }
    }

    /** Commits every write applied so far, holding the lock; wakes the writes waiting for it. */
    private void commitApplied() {
        long from = committed + 1;
        long upTo = applied;
        try {
            if (getMvStore().isClosed()) {
                throw new MongoServerException("the store closed before the write was committed; it may not be kept");
            }
            commit();
            if (getMvStore().isClosed()) {
                // closed while committing: whether the commit reached the file is unknown, so no acknowledgement
                throw new MongoServerException("the store closed while the write was committed; it may not be kept");
            }
        } catch (RuntimeException e) {
            failedFrom = from;
            failedTo = upTo;
            failure = e;
        } finally {
            committed = upTo;
            commitDone.signalAll();
        }
    }

    /**
     * Closes the store, then rewrites the file with only its live data ({@link MVStoreTool#compact(String, boolean)},
     * what H2's own SHUTDOWN COMPACT does: a new file next to it, then an atomic rename, so an interrupted compaction
     * leaves the old file). A crashed store is closed already and is left as it is.
     */
    @Override
    public void close() {
        MVStore store = getMvStore();
        String fileName = store.isClosed() || store.getFileStore() == null ? null : store.getFileStore().getFileName();
        super.close();
        if (fileName != null) {
            try {
                MVStoreTool.compact(fileName, false);
            } catch (RuntimeException e) {
                LOG.warn("could not compact {}; it stays as it is", fileName, e);
            }
        }
    }

    static boolean changesData(String command, Document query) {
        String name = command == null ? "" : command.toLowerCase(Locale.ROOT);
        if (WRITE_COMMANDS.contains(name)) {
            return true;
        }
        // an aggregation ending in $out or $merge writes a collection
        return name.equals("aggregate") && query != null && query.get("pipeline") instanceof List<?> pipeline
                && pipeline.stream().anyMatch(stage -> stage instanceof Document d
                        && (d.containsKey("$out") || d.containsKey("$merge")));
    }
}
