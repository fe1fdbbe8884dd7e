package com.relance.communication;

/** The ways a message reaches its recipient. */
public enum Channel {
    EMAIL, SMS, LETTER
}
