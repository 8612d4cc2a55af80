import SummarizeKit
print(Document("hi").byteCount)
