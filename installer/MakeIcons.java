import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.GeneralPath;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

/**
 * Draws the DASH Desk icon (a shield with a tick on a dark blue tile) and writes it as PNG (Linux),
 * ICO (Windows) and ICNS (macOS). Run with {@code java installer/MakeIcons.java OUTDIR}; it needs
 * only the JDK, so every build machine can make the icons and no binary files live in the repo.
 * Shapes only, no text: a build machine may have no fonts installed.
 */
public class MakeIcons {

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "target/installer/icons");
        Files.createDirectories(out);
        ImageIO.write(draw(256), "png", out.resolve("dashdesk.png").toFile());
        Files.write(out.resolve("dashdesk.ico"), ico(new int[] {16, 32, 48, 256}));
        Files.write(out.resolve("dashdesk.icns"), icns());
    }

    static BufferedImage draw(int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.scale(size / 256.0, size / 256.0);
        g.setColor(new Color(0x1F, 0x3A, 0x68));
        g.fill(new RoundRectangle2D.Double(8, 8, 240, 240, 48, 48));
        GeneralPath shield = new GeneralPath();
        shield.moveTo(128, 36);
        shield.lineTo(204, 64);
        shield.curveTo(204, 140, 176, 192, 128, 222);
        shield.curveTo(80, 192, 52, 140, 52, 64);
        shield.closePath();
        g.setColor(Color.WHITE);
        g.fill(shield);
        g.setColor(new Color(0x2E, 0x7D, 0x32));
        g.setStroke(new BasicStroke(22, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        GeneralPath tick = new GeneralPath();
        tick.moveTo(90, 128);
        tick.lineTo(118, 158);
        tick.lineTo(168, 98);
        g.draw(tick);
        g.dispose();
        return image;
    }

    static byte[] png(int size) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(draw(size), "png", bytes);
        return bytes.toByteArray();
    }

    /** ICO with PNG-compressed entries (supported since Windows Vista). */
    static byte[] ico(int[] sizes) throws IOException {
        List<byte[]> images = new ArrayList<>();
        for (int size : sizes) {
            images.add(png(size));
        }
        int headerLength = 6 + 16 * sizes.length;
        int total = headerLength + images.stream().mapToInt(b -> b.length).sum();
        ByteBuffer buffer = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putShort((short) 0).putShort((short) 1).putShort((short) sizes.length);
        int offset = headerLength;
        for (int i = 0; i < sizes.length; i++) {
            int dimension = sizes[i] >= 256 ? 0 : sizes[i];
            buffer.put((byte) dimension).put((byte) dimension).put((byte) 0).put((byte) 0);
            buffer.putShort((short) 1).putShort((short) 32);
            buffer.putInt(images.get(i).length).putInt(offset);
            offset += images.get(i).length;
        }
        images.forEach(buffer::put);
        return buffer.array();
    }

    /** ICNS with PNG entries: ic07 = 128 px, ic08 = 256 px, ic09 = 512 px. */
    static byte[] icns() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(body);
        String[] types = {"ic07", "ic08", "ic09"};
        int[] sizes = {128, 256, 512};
        for (int i = 0; i < types.length; i++) {
            byte[] image = png(sizes[i]);
            data.writeBytes(types[i]);
            data.writeInt(8 + image.length);
            data.write(image);
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        DataOutputStream header = new DataOutputStream(file);
        header.writeBytes("icns");
        header.writeInt(8 + body.size());
        header.write(body.toByteArray());
        return file.toByteArray();
    }
}
