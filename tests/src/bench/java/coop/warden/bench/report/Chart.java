// A scatter chart as a PNG, drawn with Java2D in headless mode (no plotting library on the box needed).
package coop.warden.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/** Points over time for a few series, with axes, grid, legend and an optional shaded span. */
final class Chart {
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
        new Color(0xd62728), new Color(0x9467bd)};
    private static final int W = 960;
    private static final int H = 480;
    private static final int L = 80;
    private static final int R = 24;
    private static final int T = 48;
    private static final int B = 64;

    private record Series(String name, double[] x, double[] y) {}

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final boolean logY;
    private final List<Series> series = new ArrayList<>();
    private double shadeFrom = Double.NaN;
    private double shadeTo = Double.NaN;
    private String shadeLabel;

    Chart(String title, String xLabel, String yLabel, boolean logY) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.logY = logY;
    }

    Chart add(String name, double[] x, double[] y) {
        series.add(new Series(name, x, y));
        return this;
    }

    Chart shade(double from, double to, String label) {
        shadeFrom = from;
        shadeTo = to;
        shadeLabel = label;
        return this;
    }

    void write(Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        double xMax = 0;
        double yMin = Double.MAX_VALUE;
        double yMax = 0;
        for (Series s : series) {
            for (int i = 0; i < s.x.length; i++) {
                xMax = Math.max(xMax, s.x[i]);
                yMax = Math.max(yMax, s.y[i]);
                yMin = Math.min(yMin, s.y[i]);
            }
        }
        xMax = niceCeil(Math.max(xMax, 1e-9));
        double lo = logY ? Math.pow(10, Math.floor(Math.log10(Math.max(yMin, 0.1)))) : 0;
        double hi = logY ? Math.pow(10, Math.ceil(Math.log10(Math.max(yMax, lo * 10)))) : niceCeil(Math.max(yMax, 1));
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        Plot p = new Plot(xMax, lo, hi, logY);
        if (!Double.isNaN(shadeFrom)) {
            g.setColor(new Color(0xf2e6d0));
            g.fillRect(p.x(shadeFrom), T, Math.max(p.x(shadeTo) - p.x(shadeFrom), 1), H - T - B);
            g.setColor(new Color(0x8a6d3b));
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawString(shadeLabel, p.x(shadeFrom) + 4, H - B - 6);
        }
        axes(g, p);
        for (int s = 0; s < series.size(); s++) {
            Series ser = series.get(s);
            g.setColor(COLORS[s % COLORS.length]);
            for (int i = 0; i < ser.x.length; i++) {
                g.fillOval(p.x(ser.x[i]) - 2, p.y(ser.y[i]) - 2, 5, 5);
            }
            g.fillRect(L + 16, T + 12 + s * 18, 10, 10);
            g.setColor(Color.DARK_GRAY);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            g.drawString(ser.name, L + 32, T + 22 + s * 18);
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.setColor(Color.BLACK);
        g.drawString(title, L, 28);
        g.dispose();
        ImageIO.write(img, "png", png.toFile());
    }

    private void axes(Graphics2D g, Plot p) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setStroke(new BasicStroke(1));
        List<Double> yTicks = new ArrayList<>();
        if (logY) {
            for (double v = p.lo; v <= p.hi * 1.0001; v *= 10) {
                yTicks.add(v);
            }
        } else {
            for (int i = 0; i <= 5; i++) {
                yTicks.add(p.hi * i / 5);
            }
        }
        for (double v : yTicks) {
            g.setColor(new Color(0xe0e0e0));
            g.drawLine(L, p.y(v), W - R, p.y(v));
            g.setColor(Color.DARK_GRAY);
            String label = v >= 10 || v == 0 ? String.format("%.0f", v) : String.format("%.1f", v);
            g.drawString(label, L - 8 - g.getFontMetrics().stringWidth(label), p.y(v) + 4);
        }
        for (int i = 0; i <= 10; i++) {
            double v = p.xMax * i / 10;
            g.setColor(new Color(0xe0e0e0));
            g.drawLine(p.x(v), T, p.x(v), H - B);
            g.setColor(Color.DARK_GRAY);
            String label = v == Math.rint(v) ? String.format("%.0f", v) : String.format("%.1f", v);
            g.drawString(label, p.x(v) - g.getFontMetrics().stringWidth(label) / 2, H - B + 16);
        }
        g.setColor(Color.BLACK);
        g.drawRect(L, T, W - L - R, H - T - B);
        g.drawString(xLabel, L + (W - L - R - g.getFontMetrics().stringWidth(xLabel)) / 2, H - 18);
        Graphics2D r = (Graphics2D) g.create();
        r.rotate(-Math.PI / 2);
        r.drawString(yLabel, -(T + (H - T - B + r.getFontMetrics().stringWidth(yLabel)) / 2), 20);
        r.dispose();
    }

    /** Data to pixel coordinates. */
    private record Plot(double xMax, double lo, double hi, boolean log) {
        int x(double v) {
            return L + (int) Math.round(v / xMax * (W - L - R));
        }

        int y(double v) {
            double f = log ? (Math.log10(Math.max(v, lo)) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))
                    : v / hi;
            return H - B - (int) Math.round(Math.min(Math.max(f, 0), 1) * (H - T - B));
        }
    }

    /** 1, 2, 2.5 or 5 times a power of ten, at least {@code v}. */
    private static double niceCeil(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }
}
