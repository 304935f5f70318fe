package org.dashdesk.store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.util.concurrent.atomic.AtomicBoolean;

import org.h2.store.fs.FileBase;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

/**
 * An H2 file system ({@code nospace:} in front of a file path) over the real disk that fails every
 * write with the IOException the JDK throws on Linux for ENOSPC while {@link #FULL} is set. H2
 * sees exactly what it sees on a full disk, on a real file, without needing a tiny mount.
 */
public final class FilePathDiskFull extends FilePathWrapper {

    static final String PREFIX = "nospace:";
    /** The disk is "full" while this is set; clearing it is freeing space. */
    static final AtomicBoolean FULL = new AtomicBoolean();
    /** How many writes were refused, so a test can tell that the fault really hit H2. */
    static final java.util.concurrent.atomic.AtomicInteger REFUSED = new java.util.concurrent.atomic.AtomicInteger();

    private static final AtomicBoolean REGISTERED = new AtomicBoolean();

    static void register() {
        if (REGISTERED.compareAndSet(false, true)) {
            FilePath.register(new FilePathDiskFull());
        }
    }

    /** For tests outside this package: the store in {@code dir} on this file system, with room to start with. */
    public static H2AssessmentRepository openRepository(java.nio.file.Path dir, java.time.Clock clock) {
        register();
        FULL.set(false);
        return new H2AssessmentRepository(Database.open(dir, new org.dashdesk.security.FileKeyProvider(), PREFIX), clock);
    }

    /** Fills ({@code true}) or frees ({@code false}) the disk. */
    public static void diskFull(boolean full) {
        FULL.set(full);
    }

    static IOException noSpace() {
        REFUSED.incrementAndGet();
        return new IOException("No space left on device");
    }

    @Override
    public String getScheme() {
        return "nospace";
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        return new FullDiskChannel(super.open(mode));
    }

    @Override
    public OutputStream newOutputStream(boolean append) throws IOException {
        OutputStream out = super.newOutputStream(append);
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                if (FULL.get()) {
                    throw noSpace();
                }
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (FULL.get()) {
                    throw noSpace();
                }
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        };
    }

    private static final class FullDiskChannel extends FileBase {

        private final FileChannel base;

        FullDiskChannel(FileChannel base) {
            this.base = base;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return base.read(dst);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return base.read(dst, position);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            if (FULL.get()) {
                throw noSpace();
            }
            return base.write(src);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            if (FULL.get()) {
                throw noSpace();
            }
            return base.write(src, position);
        }

        @Override
        public long position() throws IOException {
            return base.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            base.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return base.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            base.truncate(size);
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            base.force(metaData);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return base.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            base.close();
        }
    }
}
