#!/usr/bin/env python3
"""The scikit-learn baseline of `meridian eval classifier` (issue 7).

TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2), min_df=2) and LogisticRegression
(liblinear), C chosen by 3-fold stratified cross-validation (F1) on the training file only,
from 1, 10, 100. Reads TSV files `label<TAB>text` (label 1 or 0) written by the command and
prints `sklearn-logreg <metric>: <value>` lines for precision, recall, f1 (at p >= 0.5),
roc_auc and pr_auc (average precision). Exits 3 when scikit-learn is missing.
"""
import argparse
import sys


def read(path):
    labels, texts = [], []
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            label, _, text = line.rstrip("\n").partition("\t")
            labels.append(int(label))
            texts.append(text)
    return labels, texts


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--train", required=True)
    parser.add_argument("--test", required=True)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    try:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.metrics import (average_precision_score, f1_score, precision_score,
                                     recall_score, roc_auc_score)
        from sklearn.model_selection import GridSearchCV, StratifiedKFold
        from sklearn.pipeline import make_pipeline
    except ImportError as e:
        print(f"scikit-learn is not installed ({e})")
        return 3
    y_train, x_train = read(args.train)
    y_test, x_test = read(args.test)
    pipeline = make_pipeline(
        TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2), min_df=2),
        LogisticRegression(solver="liblinear", max_iter=1000))
    search = GridSearchCV(pipeline, {"logisticregression__C": [1, 10, 100]}, scoring="f1",
                          cv=StratifiedKFold(3, shuffle=True, random_state=args.seed), n_jobs=1)
    search.fit(x_train, y_train)
    p = search.predict_proba(x_test)[:, 1]
    predicted = (p >= 0.5).astype(int)
    name = "sklearn-logreg"
    print(f"{name} precision: {precision_score(y_test, predicted, zero_division=0):.4f}")
    print(f"{name} recall: {recall_score(y_test, predicted, zero_division=0):.4f}")
    print(f"{name} f1: {f1_score(y_test, predicted, zero_division=0):.4f}")
    print(f"{name} roc_auc: {roc_auc_score(y_test, p):.4f}")
    print(f"{name} pr_auc: {average_precision_score(y_test, p):.4f}")
    print(f"{name} C: {search.best_params_['logisticregression__C']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
