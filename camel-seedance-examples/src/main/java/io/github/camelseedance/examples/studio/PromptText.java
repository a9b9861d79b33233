package io.github.camelseedance.examples.studio;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;

/**
 * The text of an inbox file: strictly UTF-8 (a Latin-1 or binary file is refused, naming the first bad byte, rather
 * than turned into replacement characters), without a byte order mark.
 */
final class PromptText {

    private PromptText() {
    }

    /** The file's text; throws {@link StudioInputException} naming the file when it is not UTF-8. */
    static String decode(String fileName, byte[] bytes) {
        int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb
                    && (bytes[2] & 0xff) == 0xbf ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        try {
            CharBuffer text = decoder.decode(in);
            String result = text.toString();
            if (result.indexOf('\u0000') >= 0) {
                throw new StudioInputException(fileName + " is not text: it contains NUL bytes (a binary file?)."
                                               + " Save the prompt as UTF-8 text.");
            }
            return result;
        } catch (MalformedInputException e) {
            int offset = in.position();
            throw new StudioInputException(String.format(
                    "%s is not UTF-8 text: byte 0x%02X at offset %d is not valid UTF-8 (a Latin-1 or Windows-1252"
                                                         + " file, or a binary one?). Save the prompt as UTF-8.",
                    fileName, bytes[offset] & 0xff, offset), e);
        } catch (CharacterCodingException e) {
            throw new StudioInputException(fileName + " is not UTF-8 text: " + e, e);
        }
    }
}
