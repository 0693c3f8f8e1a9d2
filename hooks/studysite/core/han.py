"""The Han characters, as the rules that read Chinese text name them: one range for every module.

CJK Unified Ideographs, Extension A and the Compatibility Ideographs (the forms a GBK file decodes to).
"""

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # inside a regular expression's character class: [{HAN}]
