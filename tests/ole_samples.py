"""Old Office files for the tests: OLE2 compound files ([MS-CFB]) built byte by byte, the way
Word, Excel, PowerPoint and Outlook lay out their directories (checked against olefile)."""

from __future__ import annotations

import struct

# An OLE2 compound file ([MS-CFB], version 3: 512-byte sectors): a storage is (name, children),
# a stream is a name. Streams are empty: what a file is shows in its directory.
Tree = list["str | tuple[str, Tree]"]
_END, _FREE, _FAT, _DIFAT, _NONE = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFC, 0xFFFFFFFF


def compound_file_bytes(root: Tree, *, directory_at: int = 1) -> bytes:
    """A compound file whose root holds ``root``; its directory starts at sector
    ``directory_at`` or later (a high one makes the FAT outgrow the header's 109 entries)."""
    entries: list[list[object]] = []  # name, type, left, right, child

    def add(name: str, kind: int, children: Tree) -> int:
        index = len(entries)
        entries.append([name, kind, _NONE, _NONE, _NONE])
        previous = None
        for child in children:
            number = add(child, 2, []) if isinstance(child, str) else add(child[0], 1, child[1])
            if previous is None:
                entries[index][4] = number
            else:
                entries[previous][3] = number  # a degenerate tree: each the right of the last
            previous = number
        return index

    add("Root Entry", 5, root)
    directory = b""
    for name, kind, left, right, child in entries:
        encoded = str(name).encode("utf-16-le") + b"\0\0"
        directory += (encoded.ljust(64, b"\0") + struct.pack("<HBB", len(encoded), kind, 1)
                      + struct.pack("<III", left, right, child) + bytes(16 + 4 + 16)
                      + struct.pack("<IQ", _END, 0))
    directory = directory.ljust(-(-len(directory) // 512) * 512, b"\0")
    n_dir = len(directory) // 512
    n_fat = n_difat = 1
    while True:  # as many FAT (and DIFAT) sectors as the file needs
        first_dir = max(directory_at, n_fat + n_difat)
        total = first_dir + n_dir
        fat_needed = -(-total // 128)
        difat_needed = max(0, -(-(fat_needed - 109) // 127))
        if (fat_needed, difat_needed) == (n_fat, n_difat):
            break
        n_fat, n_difat = fat_needed, difat_needed
    fat = [_FREE] * (n_fat * 128)
    fat_sectors = list(range(n_fat))
    difat_sectors = list(range(n_fat, n_fat + n_difat))
    for n in fat_sectors:
        fat[n] = _FAT
    for n in difat_sectors:
        fat[n] = _DIFAT
    for k in range(n_dir):
        fat[first_dir + k] = first_dir + k + 1 if k < n_dir - 1 else _END
    sectors = [bytes(512)] * total
    for i, n in enumerate(fat_sectors):
        sectors[n] = struct.pack("<128I", *fat[i * 128:(i + 1) * 128])
    rest = fat_sectors[109:]
    for i, n in enumerate(difat_sectors):
        block = rest[i * 127:(i + 1) * 127]
        following = difat_sectors[i + 1] if i + 1 < len(difat_sectors) else _END
        sectors[n] = struct.pack("<128I", *block, *[_FREE] * (127 - len(block)), following)
    for k in range(n_dir):
        sectors[first_dir + k] = directory[k * 512:(k + 1) * 512]
    header_difat = fat_sectors[:109] + [_FREE] * (109 - min(109, n_fat))
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16)
              + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + bytes(6)
              + struct.pack("<IIIIIIIII", 0, n_fat, first_dir, 0, 4096, _END, 0,
                            difat_sectors[0] if difat_sectors else _END, n_difat)
              + struct.pack("<109I", *header_difat))
    assert len(header) == 512
    return header + b"".join(sectors)
