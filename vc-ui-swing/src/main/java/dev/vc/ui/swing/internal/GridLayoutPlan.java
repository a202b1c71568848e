package dev.vc.ui.swing.internal;

import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;

/**
 * Where each of {@code n} tiles goes in a container: the adaptive grid of the original system.
 *
 * <p>The grid has {@code cols = ceil(sqrt(n))} columns and {@code rows = ceil(n / cols)} rows, so 1 tile is
 * 1x1, 2 are 2x1, 3-4 are 2x2, 5-6 are 3x2, 7-9 are 3x3, 10-12 are 4x3, 13-16 are 4x4 and so on. The container
 * is divided into equal cells (the integer remainder spread over them, so cells tile the container exactly);
 * a last row that is not full is centred. Inside its cell, each tile's video area is the largest 4:3
 * rectangle that fits a small margin, centred (letterboxed). Pure and allocation-light: it is recomputed on
 * every paint.
 *
 * <pre>{@code
 * GridLayoutPlan plan = GridLayoutPlan.of(5, 1280, 720);   // 3x2
 * Rectangle video = plan.video(4);                          // the fifth tile's 4:3 area
 * }</pre>
 */
public final class GridLayoutPlan {
    /** Pixels kept free around each tile's video area (fewer when the cell is tiny). */
    public static final int MARGIN = 2;

    private final int columns;
    private final int rows;
    private final List<Rectangle> cells;
    private final List<Rectangle> videos;

    private GridLayoutPlan(int columns, int rows, List<Rectangle> cells, List<Rectangle> videos) {
        this.columns = columns;
        this.rows = rows;
        this.cells = cells;
        this.videos = videos;
    }

    /**
     * @param tiles  number of tiles, 0 or more
     * @param width  container width in pixels, 0 or more
     * @param height container height in pixels, 0 or more
     * @return the plan; with no tiles, an empty 0x0 grid
     * @throws IllegalArgumentException if a count or size is negative
     */
    public static GridLayoutPlan of(int tiles, int width, int height) {
        if (tiles < 0 || width < 0 || height < 0) {
            throw new IllegalArgumentException("negative layout input: " + tiles + " tiles in " + width + "x" + height);
        }
        if (tiles == 0) {
            return new GridLayoutPlan(0, 0, List.of(), List.of());
        }
        int columns = columnsFor(tiles);
        int rows = (tiles + columns - 1) / columns;
        List<Rectangle> cells = new ArrayList<>(tiles);
        List<Rectangle> videos = new ArrayList<>(tiles);
        for (int i = 0; i < tiles; i++) {
            int row = i / columns;
            int col = i % columns;
            int inRow = row == rows - 1 ? tiles - row * columns : columns;
            // Cell edges at floor(k * size / count): adjacent cells share an edge, never overlap.
            int x0 = edge(col, width, columns);
            int x1 = edge(col + 1, width, columns);
            int shift = (columns - inRow) * width / (2 * columns);   // centres a short last row
            int y0 = edge(row, height, rows);
            int y1 = edge(row + 1, height, rows);
            Rectangle cell = new Rectangle(x0 + shift, y0, x1 - x0, y1 - y0);
            cells.add(cell);
            videos.add(letterbox(cell));
        }
        return new GridLayoutPlan(columns, rows, List.copyOf(cells), List.copyOf(videos));
    }

    /**
     * @param tiles number of tiles, at least 1
     * @return the number of grid columns, {@code ceil(sqrt(tiles))}
     */
    public static int columnsFor(int tiles) {
        int c = (int) Math.ceil(Math.sqrt(tiles));
        while (c * c < tiles) {
            c++;
        }
        while (c > 1 && (c - 1) * (c - 1) >= tiles) {
            c--;
        }
        return Math.max(1, c);
    }

    private static int edge(int k, int size, int count) {
        return (int) ((long) k * size / count);
    }

    /** The largest centred 4:3 rectangle inside the cell less its margin. */
    private static Rectangle letterbox(Rectangle cell) {
        int margin = Math.min(MARGIN, Math.min(cell.width, cell.height) / 8);
        int w = Math.max(0, cell.width - 2 * margin);
        int h = Math.max(0, cell.height - 2 * margin);
        int vw;
        int vh;
        if ((long) w * 3 <= (long) h * 4) {
            vw = w;
            vh = Math.min(h, (w * 3 + 2) / 4);   // round(w * 3 / 4)
        } else {
            vh = h;
            vw = Math.min(w, (h * 4 + 1) / 3);   // round(h * 4 / 3)
        }
        return new Rectangle(cell.x + (cell.width - vw) / 2, cell.y + (cell.height - vh) / 2, vw, vh);
    }

    /** @return number of grid columns (0 for no tiles) */
    public int columns() {
        return columns;
    }

    /** @return number of grid rows (0 for no tiles) */
    public int rows() {
        return rows;
    }

    /** @return number of tiles planned */
    public int size() {
        return videos.size();
    }

    /**
     * @param index tile index, in join order
     * @return the tile's cell (a copy)
     */
    public Rectangle cell(int index) {
        return new Rectangle(cells.get(index));
    }

    /**
     * @param index tile index, in join order
     * @return the tile's 4:3 video area within its cell (a copy)
     */
    public Rectangle video(int index) {
        return new Rectangle(videos.get(index));
    }

    /**
     * @param index tile index, in join order
     * @return the width of the tile's 4:3 video area, without copying it
     */
    public int videoWidth(int index) {
        return videos.get(index).width;
    }

    /**
     * @param index tile index, in join order
     * @return the height of the tile's 4:3 video area, without copying it
     */
    public int videoHeight(int index) {
        return videos.get(index).height;
    }

    @Override
    public String toString() {
        return "GridLayoutPlan[" + columns + "x" + rows + ", " + videos + "]";
    }
}
