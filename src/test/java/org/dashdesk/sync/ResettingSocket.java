package org.dashdesk.sync;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;

/** Accepts connections, reads part of the request, then resets the connection (TCP RST). */
final class ResettingSocket implements AutoCloseable {

    private final ServerSocket socket;
    private final Thread acceptor;

    ResettingSocket() throws IOException {
        socket = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            while (!socket.isClosed()) {
                try (Socket s = socket.accept()) {
                    InputStream in = s.getInputStream();
                    in.readNBytes(40);
                    s.setSoLinger(true, 0);
                } catch (IOException e) {
                    // closed at the end of the test
                }
            }
        }, "resetting-socket");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
