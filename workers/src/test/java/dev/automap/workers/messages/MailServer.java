package dev.automap.workers.messages;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.smtp.SmtpState;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real SMTP server on loopback (GreenMail) that keeps every message it accepts, and can be told
 * to refuse a recipient with an SMTP reply: for good ({@code 550}) or for now ({@code 451}).
 */
public final class MailServer implements AutoCloseable {
  private final Map<String, String> refusals = new ConcurrentHashMap<>();
  private final GreenMail greenMail;
  private final int port;

  public MailServer() {
    port = freePort();
    greenMail =
        new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)) {
          @Override
          protected Map<String, AbstractServer> createServices(
              ServerSetup[] config, Managers managers) {
            return super.createServices(config, refusing(managers));
          }
        };
    greenMail.start();
  }

  public int port() {
    return port;
  }

  /** Answers {@code RCPT TO:<address>} with this reply ({@code "550 5.1.1 no such user"}). */
  public void refuse(String address, String reply) {
    refusals.put(address.toLowerCase(), reply);
  }

  public void accept(String address) {
    refusals.remove(address.toLowerCase());
  }

  /** The messages received for the address, oldest first. */
  public List<MimeMessage> to(String address) {
    return Arrays.stream(greenMail.getReceivedMessages())
        .filter(m -> recipient(m).equalsIgnoreCase(address))
        .toList();
  }

  @Override
  public void close() {
    greenMail.stop();
  }

  private Managers refusing(Managers managers) {
    SmtpManager smtp =
        new SmtpManager(managers.getImapHostManager(), managers.getUserManager()) {
          @Override
          public String checkRecipient(SmtpState state, MailAddress address) {
            return refusals.get(address.getEmail().toLowerCase());
          }
        };
    return new Managers() {
      @Override
      public SmtpManager getSmtpManager() {
        return smtp;
      }

      @Override
      public UserManager getUserManager() {
        return managers.getUserManager();
      }

      @Override
      public ImapHostManager getImapHostManager() {
        return managers.getImapHostManager();
      }
    };
  }

  private static String recipient(MimeMessage message) {
    try {
      return message.getAllRecipients()[0].toString();
    } catch (MessagingException e) {
      return "";
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
