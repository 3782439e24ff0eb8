"""Evidence: the files a person keeps for a case, and what is read from them.

- :mod:`.file_store`: the content-addressed store (``evidence/ab/<sha256>.ext``), written
  whole or not at all, originals read-only;
- :mod:`.sniffing`: what a file is, from its content, and the extension it is stored under;
- :mod:`.images`: HEIC/HEIF decoding and a photo's capture time (EXIF);
- :mod:`.renditions`: thumbnails and print renditions of images;
- :mod:`.drops`: what a dropped folder holds, display names and file times;
- :mod:`.mail`: reading an email file into a timeline entry.
"""
