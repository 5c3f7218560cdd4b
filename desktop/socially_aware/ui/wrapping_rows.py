"""Tree rows as tall as their text wrapped to its column.

QTreeView asks the delegate for a row's size without the column's width, so a wrapped title is
measured as one line and drawn cut off (the review's findings at 1024 px). This delegate measures each
cell at the width it is drawn in; the view lays its rows out again when a column changes width.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTreeView


class WrapToColumn(QStyledItemDelegate):
    def __init__(self, tree: QTreeView) -> None:
        super().__init__(tree)
        self.tree = tree
        tree.header().sectionResized.connect(lambda *_: tree.doItemsLayout())

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        width = self.tree.columnWidth(index.column())
        if index.column() == self.tree.header().logicalIndex(0):  # the first column is indented by depth
            depth, parent = 0, index.parent()
            while parent.isValid():
                depth, parent = depth + 1, parent.parent()
            width -= self.tree.indentation() * (depth + int(self.tree.rootIsDecorated()))
        cell = QStyleOptionViewItem(option)
        self.initStyleOption(cell, index)
        cell.features |= QStyleOptionViewItem.ViewItemFeature.WrapText
        cell.rect = QRect(0, 0, max(width, 1), 1)
        return self.tree.style().sizeFromContents(QStyle.ContentsType.CT_ItemViewItem, cell, QSize(), self.tree)
