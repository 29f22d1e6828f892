import sharp from "sharp";

/** The longest side of a thumbnail, in pixels (twice what the thread shows, for sharp screens). */
const THUMBNAIL_SIZE = 480;
/** Larger images are not decoded (a "decompression bomb" would take the process's memory): no thumbnail then. */
const MAX_PIXELS = 60_000_000;

export type ImageFacts = { width: number; height: number; thumbnail?: Buffer };

/**
 * Width and height as the image is shown (EXIF orientation applied), and a WebP thumbnail without any of the
 * original's metadata (EXIF, GPS, ICC: sharp keeps none unless asked). An image sharp cannot read keeps no size.
 * `content`: the bytes, or the path of the file received (sharp reads it from disk).
 */
export async function imageFacts(content: Buffer | string): Promise<ImageFacts | undefined> {
  try {
    const image = sharp(content, { limitInputPixels: MAX_PIXELS, animated: false });
    const { width, height, autoOrient } = await image.metadata();
    const shown = autoOrient ?? { width, height };
    if (!shown.width || !shown.height) return undefined;
    const thumbnail = await image
      .rotate()
      .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: "inside", withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer();
    return { width: shown.width, height: shown.height, thumbnail };
  } catch {
    return undefined;
  }
}

export const THUMBNAIL_TYPE = "image/webp";
