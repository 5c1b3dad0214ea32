#!/usr/bin/env python3
"""Writes the small IDX and digits files SplitDataTests reads (run from this folder; deterministic).

  tiny-images-idx3-ubyte.gz / tiny-labels-idx1-ubyte.gz   3 images of 2x2 and their labels (good)
  wrong-magic-idx1-ubyte.gz     magic 0x00010801 (the second byte must be zero)
  size-disagrees-idx3-ubyte.gz  header 3x2x2 (12 pixel bytes) but 11 follow
  extra-bytes-idx1-ubyte.gz     header 3 labels but 4 follow
  truncated-idx3-ubyte.gz       tiny-images' gzip stream cut in the middle
  float-idx1.gz                 element type 0x0D (float), which splitscope does not read
  labels-mismatch-idx1-ubyte.gz 2 labels, to pair with the 3 tiny images
  bad-label-idx1-ubyte.gz       3 labels, one of them 10 (classes are 0 to 9)
  empty-images-idx3-ubyte.gz / empty-labels-idx1-ubyte.gz   0 images of 28x28 and 0 labels
  digits-good.csv               2 UCI digits records
  digits-bad-record.csv         line 2 has 64 fields, line 3 a pixel of 17
"""
import gzip
import struct


def idx(type_code, shape, body):
    return bytes([0, 0, type_code, len(shape)]) + b"".join(struct.pack(">I", d) for d in shape) + bytes(body)


def write_gz(name, data):
    with open(name, "wb") as f:
        f.write(gzip.compress(data, mtime=0))


images = idx(0x08, [3, 2, 2], [0, 255, 128, 64, 1, 2, 3, 4, 250, 251, 252, 253])
write_gz("tiny-images-idx3-ubyte.gz", images)
write_gz("tiny-labels-idx1-ubyte.gz", idx(0x08, [3], [9, 0, 4]))
write_gz("wrong-magic-idx1-ubyte.gz", bytes([0, 1, 8, 1]) + struct.pack(">I", 3) + bytes([1, 2, 3]))
write_gz("size-disagrees-idx3-ubyte.gz", idx(0x08, [3, 2, 2], list(range(11))))
write_gz("extra-bytes-idx1-ubyte.gz", idx(0x08, [3], [1, 2, 3, 4]))
whole = gzip.compress(images, mtime=0)
with open("truncated-idx3-ubyte.gz", "wb") as f:
    f.write(whole[: len(whole) // 2])
write_gz("float-idx1.gz", idx(0x0D, [1], [0, 0, 0, 0]))
write_gz("labels-mismatch-idx1-ubyte.gz", idx(0x08, [2], [1, 2]))
write_gz("bad-label-idx1-ubyte.gz", idx(0x08, [3], [1, 10, 2]))
write_gz("empty-images-idx3-ubyte.gz", idx(0x08, [0, 28, 28], []))
write_gz("empty-labels-idx1-ubyte.gz", idx(0x08, [0], []))
record = ",".join(["0"] * 30 + ["16"] * 34) + ",7"
with open("digits-good.csv", "w") as f:
    f.write(record + "\n" + ",".join(["5"] * 64) + ",3\n")
with open("digits-bad-record.csv", "w") as f:
    f.write(record + "\n" + ",".join(["0"] * 63) + ",1\n" + ",".join(["17"] * 64) + ",2\n")
