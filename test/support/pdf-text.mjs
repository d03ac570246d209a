// Prints a PDF's text and how many images each page draws, as JSON (pdf-parse, which loads
// pdf.js with dynamic imports Jest's module system refuses, so it runs in a process of its own).
import { readFileSync } from 'node:fs';
import { PDFParse } from 'pdf-parse';

await (async () => {
  const parser = new PDFParse({ data: new Uint8Array(readFileSync(process.argv[2])) });
  const { text } = await parser.getText();
  const images = await parser.getImage({ imageBuffer: false, imageDataUrl: false });
  await parser.destroy();
  process.stdout.write(
    JSON.stringify({ text, imagesPerPage: images.pages.map((p) => p.images.length) }),
  );
})().catch((error) => {
  process.stderr.write(String(error?.stack ?? error));
  process.exit(1);
});
